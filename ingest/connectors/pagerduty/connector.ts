/** PagerDuty → the pagerduty profile (`{"incidents": [...]}` with each incident's log entries embedded). */
import { isObject } from '../instants.ts';
import type { Connector } from '../types.ts';
import type { PagerDutySource } from './options.ts';
import { readPagerDuty } from './reader.ts';

export const pagerdutyConnector: Connector<PagerDutySource> = {
  vendor: 'PagerDuty',
  profile: 'pagerduty',
  headers: (_source, credentials) => ({
    Authorization: `Token token=${credentials.token ?? ''}`,
    Accept: 'application/vnd.pagerduty+json;version=2',
  }),
  read: readPagerDuty,
  key: (record) => (isObject(record) && typeof record.id === 'string' ? record.id : null),
  lines: (records) => [{ incidents: records }],
};
