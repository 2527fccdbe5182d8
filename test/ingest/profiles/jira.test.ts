/**
 * The jira profile, end to end: each sample in fixtures/samples/jira/ through the real import
 * into an in-memory DuckDB, read back and compared with a snapshot beside this file, plus
 * hand-checked values (a snapshot is only as good as the eye that blessed it).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../../ingest/import-file.ts';
import { openDatabase, type Database } from '../../../queries/db.ts';
import { isInputError } from '../../../queries/errors.ts';
import { tempDir } from '../../helpers/db.ts';

const SAMPLES = 'fixtures/samples/jira';
const NOW = () => new Date('2026-11-30T12:00:00Z');
const LATER = () => new Date('2026-12-01T08:00:00Z');
/** Sample → the options it is imported with (the CSV's dates are in the exporting user's zone). */
const GOLDEN: Record<string, Partial<ImportOptions>> = {
  'export-all-fields.csv': { tz: 'Europe/London' },
  'search-jql-changelog.json': {},
  'search-deprecated-bulkfetch.ndjson': {},
};

const dir = tempDir();
afterAll(() => dir.remove());
let db: Database;
beforeEach(async () => {
  db = await openDatabase(':memory:');
});
afterEach(() => db.close());

const sample = (name: string) => `${SAMPLES}/${name}`;
const run = (name: string, options: Partial<ImportOptions> = {}) =>
  importFile(db.connection, { file: sample(name), profile: 'jira', now: NOW, ...GOLDEN[name], ...options });
const rows = async (sql: string) => (await db.connection.runAndReadAll(sql)).getRowObjectsJson();
const incidents = () => rows(`
  SELECT external_id, title, service, team, severity, severity_rank, priority, status,
         CAST(opened_at AS VARCHAR) AS opened_at, CAST(acknowledged_at AS VARCHAR) AS acknowledged_at,
         CAST(resolved_at AS VARCHAR) AS resolved_at, CAST(closed_at AS VARCHAR) AS closed_at,
         reopen_count, reassignment_count, assignee, url, custom, quality_flags
  FROM incidents ORDER BY external_id`);
const parseCustom = (row: Record<string, unknown>) => ({ ...row, custom: typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom });
const events = () => rows(`
  SELECT external_id, CAST(occurred_at AS VARCHAR) AS occurred_at, kind, ordinal, from_value, to_value, actor, body
  FROM incident_events ORDER BY external_id, occurred_at, kind, ordinal`);
const one = async (id: string) => parseCustom((await rows(`
  SELECT external_id, service, severity, priority, status, CAST(opened_at AS VARCHAR) AS opened, CAST(acknowledged_at AS VARCHAR) AS ack,
         CAST(resolved_at AS VARCHAR) AS res, reopen_count, reassignment_count, url, custom, quality_flags
  FROM incidents WHERE external_id = '${id}'`))[0]!);
const kinds = async (id: string) => (await rows(`
  SELECT kind FROM incident_events WHERE external_id = '${id}' ORDER BY occurred_at, kind, ordinal`)).map((row) => row.kind);

describe('hindsight import --profile jira: golden samples', () => {
  for (const name of Object.keys(GOLDEN)) {
    it(`${name} → the rows in its snapshot`, async () => {
      const { file: _file, runId: _runId, ...summary } = await run(name);
      const golden = { summary, incidents: (await incidents()).map(parseCustom), events: await events() };
      await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/jira-${name.replace(/\.\w+$/, '')}.json`);
    });

    it(`${name}: importing it again changes nothing`, async () => {
      const first = await run(name);
      const before = JSON.stringify([await rows('SELECT * FROM incidents ORDER BY external_id'), await events()]);
      const second = await run(name, { now: LATER });
      expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted, events: first.events });
      expect(JSON.stringify([await rows('SELECT * FROM incidents ORDER BY external_id'), await events()])).toBe(before);
    });
  }
});

describe('hand-checked: Export → CSV (all fields)', () => {
  it('reads dd/MMM/yy h:mm a in --tz, GMT and BST alike', async () => {
    await run('export-all-fields.csv');
    // 12 March 2024 is GMT in London: 3:04 PM is 15:04 UTC.
    expect(await one('OPS-101')).toMatchObject({ opened: '2024-03-12 15:04:00+00', res: '2024-03-12 16:40:00+00' });
    // 2 April 2024 is BST (UTC+1), and 12:05 AM is five past midnight: the previous day, 23:05 UTC.
    expect(await one('OPS-102')).toMatchObject({ opened: '2024-04-01 23:05:00+00', res: null });
  });

  it('collects repeated columns into lists and maps the first component to service', async () => {
    await run('export-all-fields.csv');
    const row = await one('OPS-101');
    expect(row).toMatchObject({ service: 'checkout-api', severity: 'SEV1', priority: 'Highest', status: 'resolved', url: null });
    expect(row.custom).toMatchObject({
      labels: ['incident', 'customer-facing', 'eu-west'], components: ['checkout-api', 'edge-proxy'],
      watchers: ['Priya Natarajan', 'Marek Nowak'], sprints: ['OPS Sprint 12'],
      'Custom field (Time to first response)': '12m', Description: expect.stringContaining('Timeline in the "war room" doc, see also OPS-99, OPS-100.\n'),
    });
    // Empty cells of a repeated column are dropped, not kept as nulls.
    expect((await one('OPS-102')).custom).toMatchObject({ labels: ['incident', 'payments'], components: ['payments'], sprints: [] });
  });

  it('ranks by the severity field over Priority, falls back to the status category, flags the rest', async () => {
    const summary = await run('export-all-fields.csv');
    expect(summary).toMatchObject({ records: 8, inserted: 8, flagged: 3, flags: { missing_external_id: 1, resolved_before_opened: 1, unknown_status: 1 } });
    expect(await one('OPS-103')).toMatchObject({ severity: 'SEV3', priority: 'High', status: 'on_hold' });
    // "Mitigated" is a custom workflow status; its category "In Progress" types it.
    expect(await one('OPS-104')).toMatchObject({ status: 'acknowledged', quality_flags: [] });
    expect(await one('OPS-105')).toMatchObject({ status: 'Borked (migrated)', quality_flags: ['unknown_status'] });
    expect(await one('OPS-106')).toMatchObject({ severity: null, priority: null, status: 'open' });
    expect(await one('OPS-108')).toMatchObject({ quality_flags: ['resolved_before_opened'] });
  });

  it('lets --map replace a default source; the replaced column stays in custom', async () => {
    await run('export-all-fields.csv', { map: { 'Project name': 'service', 'Project key': 'team' } });
    expect(await rows(`SELECT service, team FROM incidents WHERE external_id = 'OPS-101'`)).toEqual([{ service: 'Operations', team: 'OPS' }]);
    expect((await one('OPS-101')).custom).toMatchObject({ components: ['checkout-api', 'edge-proxy'] });
  });

  it('reads the default dd/MMM/yy h:mm a dates in --tz, and a site format through --date-format', async () => {
    const file = dir.path('dates.csv');
    writeFileSync(file, 'Issue key,Summary,Status,Created,Resolved\nOPS-1,a,Done,12/Mar/24 3:04 PM,12/Mar/24 11:30 PM\nOPS-2,b,Done,31/Mar/24 12:05 AM,31/Mar/24 3:00 AM\n');
    await importFile(db.connection, { file, profile: 'jira', now: NOW, tz: 'Europe/London' });
    // 12 March is GMT; 31 March 2024 is the spring-forward night (01:00 GMT → 02:00 BST).
    expect(await rows(`SELECT external_id, CAST(opened_at AS VARCHAR) AS o, CAST(resolved_at AS VARCHAR) AS r FROM incidents ORDER BY 1`)).toEqual([
      { external_id: 'OPS-1', o: '2024-03-12 15:04:00+00', r: '2024-03-12 23:30:00+00' },
      { external_id: 'OPS-2', o: '2024-03-31 00:05:00+00', r: '2024-03-31 02:00:00+00' },
    ]);
    const site = dir.path('site-format.csv');
    writeFileSync(site, 'Issue key,Summary,Status,Created\nOPS-3,c,Done,2024.03.12 15:04\n');
    await importFile(db.connection, { file: site, profile: 'jira', now: NOW, dateFormat: '%Y.%m.%d %H:%M' });
    expect(await rows(`SELECT CAST(opened_at AS VARCHAR) AS o, quality_flags FROM incidents WHERE external_id = 'OPS-3'`)).toEqual([
      { o: '2024-03-12 15:04:00+00', quality_flags: [] },
    ]);
  });

  it("hindsight.yaml's status words win over Jira's category, in CSV exports and in changelogs", async () => {
    const file = dir.path('cab.csv');
    writeFileSync(file, 'Issue key,Summary,Status,Status Category,Created\nOPS-1,a,Awaiting CAB,In Progress,12/Mar/24 3:04 PM\n');
    // Unknown to the defaults: the status category stands in.
    await importFile(db.connection, { file, profile: 'jira', now: NOW });
    expect(await rows(`SELECT status, quality_flags FROM incidents`)).toEqual([{ status: 'acknowledged', quality_flags: [] }]);
    await importFile(db.connection, { file, profile: 'jira', now: LATER, source: 'configured', scheme: { status: { 'Awaiting CAB': 'on_hold' } } });
    expect(await rows(`SELECT status FROM incidents WHERE source = 'configured'`)).toEqual([{ status: 'on_hold' }]);

    // Triage and Awaiting CAB are in no issue's current status, so only the scheme can place them.
    const issue = {
      id: '1', key: 'OPS-2', self: 'https://acme.atlassian.net/rest/api/3/issue/1',
      fields: { summary: 'b', created: '2024-05-06T09:00:00.000+0000', status: { name: 'Done', statusCategory: { key: 'done' } } },
      changelog: { startAt: 0, maxResults: 2, total: 2, histories: [
        { id: '1', created: '2024-05-06T09:10:00.000+0000', items: [{ field: 'status', fromString: 'Triage', toString: 'Awaiting CAB' }] },
        { id: '2', created: '2024-05-06T11:00:00.000+0000', items: [{ field: 'status', fromString: 'Awaiting CAB', toString: 'Done' }] },
      ] },
    };
    const json = dir.path('cab.json');
    writeFileSync(json, JSON.stringify({ isLast: true, issues: [issue] }));
    await importFile(db.connection, { file: json, profile: 'jira', now: NOW, source: 'plain' });
    await importFile(db.connection, { file: json, profile: 'jira', now: NOW, source: 'words', scheme: { status: { triage: 'open', 'awaiting cab': 'on_hold' } } });
    expect(await rows(`SELECT source, CAST(acknowledged_at AS VARCHAR) AS ack FROM incidents WHERE external_id = 'OPS-2' ORDER BY source`)).toEqual([
      { source: 'plain', ack: null },
      { source: 'words', ack: '2024-05-06 09:10:00+00' },
    ]);
  });

  it('rejects a CSV that is not a Jira export with one sentence', async () => {
    const file = dir.path('not-jira.csv');
    writeFileSync(file, 'id,name\n1,x\n');
    const error = await importFile(db.connection, { file, profile: 'jira', now: NOW }).then(() => null, (e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/not-jira\.csv: not a Jira CSV export: nothing feeds "external_id", "opened_at"/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

describe('hand-checked: REST search JSON with changelogs', () => {
  it('derives acknowledgement, final resolution, reopenings and hand-overs from the changelog', async () => {
    const summary = await run('search-jql-changelog.json');
    expect(summary).toMatchObject({ records: 7, inserted: 7, events: 26, eventsRejected: 0 });
    // Created 14:00+0700 (07:00 UTC); Open → Work in progress at 14:03+0700; histories are out of
    // order in the file; final Resolved at 2024-05-08 10:00+0700 after one reopening.
    expect(await one('INC-202')).toMatchObject({
      opened: '2024-05-07 07:00:00+00', ack: '2024-05-07 07:03:00+00', res: '2024-05-08 03:00:00+00',
      reopen_count: 1, reassignment_count: 2, severity: 'SEV1', status: 'resolved', url: 'https://acme-ops.atlassian.net/browse/INC-202',
    });
    expect(await kinds('INC-202')).toEqual([
      'acknowledged', 'reassigned', 'status', 'resolved', 'status', 'reassigned', 'reopened', 'status', 'status', 'reassigned', 'resolved', 'status',
    ]);
  });

  it('types +0700 offsets, keeps SLA fields compact in custom, reads Severity through expand=names', async () => {
    await run('search-jql-changelog.json');
    const row = await one('INC-201');
    expect(row).toMatchObject({ opened: '2024-05-06 02:12:03.114+00', ack: '2024-05-06 02:19:41.5+00', severity: 'SEV2', priority: 'High', service: 'auth-service' });
    expect(row.custom).toMatchObject({
      components: ['auth-service', 'edge-proxy'],
      sla: { 'Time to first response': { completed: [{ stop: '2024-05-06T09:19:41+0700', breached: false, goal_ms: 1800000 }], ongoing: null } },
    });
    expect((await one('INC-203')).custom).toMatchObject({ sla: { 'Time to resolution': { completed: [], ongoing: { remaining_ms: 26400000, paused: false } } } });
  });

  it('flags what it cannot trust: a cut changelog, a status in no category, a missing key', async () => {
    const summary = await run('search-jql-changelog.json');
    expect(summary.flags).toEqual({ changelog_truncated: 1, missing_external_id: 1, resolved_before_opened: 1, unknown_status: 1 });
    expect(await one('INC-207')).toMatchObject({ status: 'Legacy triage', reassignment_count: 1, quality_flags: ['changelog_truncated', 'unknown_status'] });
    // A custom status ("Mitigated") with no word in the scheme is typed by its category.
    expect(await one('INC-204')).toMatchObject({ status: 'acknowledged', severity: null, ack: '2024-05-10 13:40:00+00' });
  });

  it('matches bulk-fetched changelogs by issue id, reads epoch seconds, and takes ack from a first-response SLA', async () => {
    await run('search-deprecated-bulkfetch.ndjson');
    // created 1717417500 s = 2024-06-03T12:25:00Z.
    expect(await one('OPS-301')).toMatchObject({ opened: '2024-06-03 12:10:00+00', ack: '2024-06-03 12:25:00+00', res: '2024-06-03 15:15:00+00' });
    // No changelog: the completed "Time to first response" cycle stopped at 09:42+1000.
    expect(await one('OPS-302')).toMatchObject({ ack: '2024-06-04 23:42:00+00', status: 'open' });
    expect(await kinds('OPS-302')).toEqual([]);
  });

  it('rejects JSON without issues with one sentence', async () => {
    const file = dir.path('empty.json');
    writeFileSync(file, '{"isLast": true, "issues": []}');
    await expect(importFile(db.connection, { file, profile: 'jira', now: NOW })).rejects.toThrow(/empty\.json: no Jira issues found/);
  });
});
