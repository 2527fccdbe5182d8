/** Jira Cloud → the jira profile (saved REST search pages: `{names, issues}` with changelogs). */
import { isObject } from '../instants.ts';
import { basicOrBearer } from '../secrets.ts';
import type { Connector } from '../types.ts';
import type { JiraSource } from './options.ts';
import { readJira } from './reader.ts';

export const jiraConnector: Connector<JiraSource> = {
  vendor: 'Jira',
  profile: 'jira',
  headers: (_source, credentials) => basicOrBearer(credentials),
  read: readJira,
  key: (record) => (isObject(record) ? String(record.id ?? record.key) : null),
  // One search-page-shaped line per batch: the profile reads field names from `names`.
  lines: (records, meta) => [{ ...(meta.names ? { names: meta.names } : {}), issues: records }],
};
