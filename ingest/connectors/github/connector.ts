/** GitHub issues → the github profile (`{repository, incident_labels, issues}` with timelines). */
import { isObject } from '../instants.ts';
import type { Connector } from '../types.ts';
import type { GitHubSource } from './options.ts';
import { readGitHub } from './reader.ts';

export const githubConnector: Connector<GitHubSource> = {
  vendor: 'GitHub',
  profile: 'github',
  headers: (_source, credentials) => ({
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    ...(credentials.token ? { Authorization: `Bearer ${credentials.token}` } : {}),
  }),
  // GitHub: after a rate limit that names no time, wait at least a minute, then back off.
  tuning: { minRateLimitWaitMs: 60_000 },
  read: readGitHub,
  key: (record) => (isObject(record) && record.id !== undefined ? String(record.id) : null),
  lines: (records, _meta, source) => [{ repository: source.repo, incident_labels: source.labels, issues: records }],
};
