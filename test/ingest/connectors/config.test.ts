/** The `sources:` list: defaults, and one sentence per mistake naming the key. */
import { describe, expect, it } from 'vitest';
import { parseSources } from '../../../ingest/connectors/config.ts';
import { readCredentials } from '../../../ingest/connectors/secrets.ts';

const jira = { name: 'ops-jira', type: 'jira', base_url: 'https://example.atlassian.net', auth: { user_env: 'JIRA_USER', token_env: 'JIRA_TOKEN' }, jql: 'project = OPS' };
const fails = (value: unknown) => {
  try {
    parseSources(value);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the sources to be refused');
};

describe('sources: in hindsight.yaml', () => {
  it('fills the defaults: overlap, page size, concurrency, vendor base URLs, GitHub labels', () => {
    const [a, b, c] = parseSources([jira, { name: 'gh', type: 'github', repo: 'acme/ops' }, { name: 'pd', type: 'pagerduty', auth: { token_env: 'PD_TOKEN' } }]);
    expect(a).toMatchObject({ overlap: 600_000, page_size: 100, concurrency: 4, batch_size: 1000, fields: [] });
    expect(b).toMatchObject({ base_url: 'https://api.github.com', labels: ['incident'] });
    expect(c).toMatchObject({ base_url: 'https://api.pagerduty.com', window: 30 * 86_400_000 });
    expect(parseSources(undefined)).toEqual([]);
  });

  it('names the key of each mistake, all at once', () => {
    expect(fails([{ ...jira }, { name: 'second', type: 'jira', base_url: 'https://x.atlassian.net', auth: {}, jql: 'project = X' }])).toBe(
      'hindsight.yaml: sources[1].auth.token_env: required for type jira.',
    );
    expect(fails([{ name: 'x', type: 'zendesk' }])).toBe('hindsight.yaml: sources[0].type: "zendesk" is not a source type; allowed: jira, servicenow, pagerduty, github, statuspage.');
    expect(fails([jira, { ...jira }])).toBe('hindsight.yaml: sources[1].name: "ops-jira" is already the name of sources[0]; names must be unique.');
    expect(fails([{ ...jira, auth: { token_env: 'ATATT3xFfGF0-secret' } }])).toContain('sources[0].auth.token_env: expected the NAME of an environment variable');
    expect(fails([{ ...jira, jql: 'project = OPS ORDER BY created' }])).toBe('hindsight.yaml: sources[0].jql: leave out ORDER BY; the sync orders by updated time itself.');
    expect(fails([{ ...jira, overlap: '10 minutes' }])).toBe('hindsight.yaml: sources[0].overlap: expected a duration like 10m, 2h or 30d.');
    expect(fails([{ ...jira, tokn_env: 'X' }])).toBe('hindsight.yaml: sources[0]: unknown setting "tokn_env"; check the spelling against the documented keys.');
    expect(fails([{ name: 'gh', type: 'github' }])).toBe('hindsight.yaml: sources[0].repo: required for type github.');
    expect(fails([{ name: 'sn', type: 'servicenow', auth: { token_env: 'SN' } }])).toBe('hindsight.yaml: sources[0].base_url: required for type servicenow.');
    expect(fails([{ ...jira, schedule: '*/15 * * *' }])).toBe(
      'hindsight.yaml: sources[0].schedule: "*/15 * * *" is not a cron expression like "*/15 * * * *" (invalid configuration format (\'*/15 * * *\'), exactly five, six, or seven space separated parts are required).',
    );
    expect(fails([{ ...jira, schedule: '0 25 * * *' }])).toBe('hindsight.yaml: sources[0].schedule: "0 25 * * *" is not a cron expression like "*/15 * * * *" (Invalid value for hour: 25).');
    expect(parseSources([{ ...jira, schedule: ' 0 6 * * mon-fri ' }])[0]).toMatchObject({ schedule: '0 6 * * mon-fri' });
    const sn = { name: 'sn', type: 'servicenow', base_url: 'https://x.service-now.com', auth: { token_env: 'SN' } };
    expect(fails([{ ...sn, timeline: 'incident_sla' }])).toBe('hindsight.yaml: sources[0].timeline: "incident_sla" is not a timeline source; use sys_audit, or leave timeline out.');
    expect(parseSources([{ ...sn, timeline: 'sys_audit' }])[0]).toMatchObject({ timeline: 'sys_audit' });
  });

  it('reads credentials from the named variables and names a missing one, never a value', () => {
    const [source] = parseSources([jira]);
    expect(readCredentials(source!, { JIRA_USER: 'me@example.com', JIRA_TOKEN: 't0k3n' })).toEqual({ user: 'me@example.com', token: 't0k3n', envNames: ['JIRA_USER', 'JIRA_TOKEN'] });
    expect(() => readCredentials(source!, { JIRA_USER: 'me@example.com' })).toThrow(
      'ops-jira: the environment variable JIRA_TOKEN (auth.token_env) is not set; export it before syncing.',
    );
  });
});
