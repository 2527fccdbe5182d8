/** A public Statuspage → the statuspage profile (`{page, incidents}`; updates become stakeholder updates). */
import { isObject } from '../instants.ts';
import type { Connector } from '../types.ts';
import type { StatuspageSource } from './options.ts';
import { readStatuspage } from './reader.ts';

export const statuspageConnector: Connector<StatuspageSource> = {
  vendor: 'Statuspage',
  profile: 'statuspage',
  headers: () => ({}),
  read: readStatuspage,
  key: (record) => (isObject(record) && typeof record.id === 'string' ? record.id : null),
  lines: (records, meta) => [{ ...(meta.page ? { page: meta.page } : {}), incidents: records }],
};
