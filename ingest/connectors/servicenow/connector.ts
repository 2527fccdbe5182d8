/**
 * ServiceNow → the servicenow profile (Table API JSON: `{"result": [...]}`): one row per
 * incident, or — with `timeline: sys_audit` — each incident's past states from its audit
 * history followed by the record (history.ts), the profile's one-row-per-update shape.
 */
import { isObject } from '../instants.ts';
import { basicOrBearer } from '../secrets.ts';
import type { Connector } from '../types.ts';
import type { ServiceNowSource } from './options.ts';
import { AuditedRecord, historyRows } from './history.ts';
import { readServiceNow } from './reader.ts';

export const servicenowConnector: Connector<ServiceNowSource> = {
  vendor: 'ServiceNow',
  profile: 'servicenow',
  headers: (_source, credentials) => basicOrBearer(credentials),
  read: readServiceNow,
  key: (item) => {
    const record = item instanceof AuditedRecord ? item.record : item;
    return isObject(record) && typeof (record.sys_id ?? record.number) === 'string' ? String(record.sys_id ?? record.number) : null;
  },
  wholeHistory: (source) => source.timeline === 'sys_audit',
  lines: (items) => [{ result: items.flatMap((item) => (item instanceof AuditedRecord ? historyRows(item.record, item.audit) : [item])) }],
};
