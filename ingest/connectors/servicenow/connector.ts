/** ServiceNow → the servicenow profile (Table API JSON: `{"result": [...]}`, one row per incident). */
import { isObject } from '../instants.ts';
import { basicOrBearer } from '../secrets.ts';
import type { Connector } from '../types.ts';
import type { ServiceNowSource } from './options.ts';
import { readServiceNow } from './reader.ts';

export const servicenowConnector: Connector<ServiceNowSource> = {
  vendor: 'ServiceNow',
  profile: 'servicenow',
  headers: (_source, credentials) => basicOrBearer(credentials),
  read: readServiceNow,
  key: (record) => (isObject(record) && typeof (record.sys_id ?? record.number) === 'string' ? String(record.sys_id ?? record.number) : null),
  lines: (records) => [{ result: records }],
};
