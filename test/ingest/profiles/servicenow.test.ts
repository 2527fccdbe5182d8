/**
 * The servicenow profile, end to end: each sample in fixtures/samples/servicenow/ through the
 * real import into an in-memory DuckDB, read back and compared with a snapshot beside this file,
 * plus hand-checked values — above all the event-log collapse (latest state wins, timeline
 * complete).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../../ingest/import-file.ts';
import { openDatabase, type Database } from '../../../queries/db.ts';
import { isInputError } from '../../../queries/errors.ts';
import { tempDir } from '../../helpers/db.ts';

const SAMPLES = 'fixtures/samples/servicenow';
const NOW = () => new Date('2026-11-30T12:00:00Z');
const LATER = () => new Date('2026-12-01T08:00:00Z');
/** Sample → the options it is imported with (list exports are in the exporting user's zone). */
const GOLDEN: Record<string, Partial<ImportOptions>> = {
  'incident-list.csv': { tz: 'Europe/Berlin' },
  'incident-list-labels-excel.csv': { tz: 'Europe/Berlin' },
  'incident-table-api.json': {},
  'incident-event-log.csv': {},
  'incident-updates-display.ndjson': { tz: 'America/New_York' },
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
  importFile(db.connection, { file: sample(name), profile: 'servicenow', now: NOW, ...GOLDEN[name], ...options });
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
  SELECT external_id, title, service, team, severity, priority, status, assignee, url, CAST(opened_at AS VARCHAR) AS opened,
         CAST(acknowledged_at AS VARCHAR) AS ack, CAST(resolved_at AS VARCHAR) AS res, CAST(closed_at AS VARCHAR) AS closed,
         reopen_count, reassignment_count, custom, quality_flags
  FROM incidents WHERE external_id = '${id}'`))[0]!);
const timeline = async (id: string) => (await rows(`
  SELECT strftime(occurred_at, '%Y-%m-%d %H:%M') AS at, kind, from_value AS "from", to_value AS "to", body
  FROM incident_events WHERE external_id = '${id}' ORDER BY occurred_at, kind, ordinal`));

describe('hindsight import --profile servicenow: golden samples', () => {
  for (const name of Object.keys(GOLDEN)) {
    it(`${name} → the rows in its snapshot`, async () => {
      const { file: _file, runId: _runId, ...summary } = await run(name);
      const golden = { summary, incidents: (await incidents()).map(parseCustom), events: await events() };
      await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/servicenow-${name.replace(/\.\w+$/, '')}.json`);
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

describe('hand-checked: one row per incident', () => {
  it('reads a list export with field-name headers: labels, fallbacks, flags', async () => {
    const summary = await run('incident-list.csv');
    expect(summary).toMatchObject({ records: 8, inserted: 8, events: 0, flags: { missing_external_id: 1, resolved_before_opened: 1, unknown_status: 1 } });
    // 08:14:22 in Berlin in March (CET, UTC+1) is 07:14:22 UTC.
    expect(await one('INC0010101')).toMatchObject({
      opened: '2026-03-02 07:14:22+00', res: '2026-03-02 09:02:51+00', severity: 'SEV1', priority: '1 - Critical', status: 'resolved',
      service: 'Email', team: 'Messaging', assignee: 'Beth Anglin',
    });
    expect((await one('INC0010101')).custom).toMatchObject({ impact: '1 - High', cmdb_ci: 'EXCH-MBX-01', description: expect.stringContaining('"550 5.7.1", retries fail.\n') });
    // No business service: the configuration item names the service.
    expect(await one('INC0010103')).toMatchObject({ service: 'PRN-3F-EAST', status: 'on_hold' });
    expect(await one('INC0010104')).toMatchObject({ reopen_count: 1, reassignment_count: 2, status: 'closed', closed: '2026-03-09 15:45:01+00' });
    expect(await one('INC0010105')).toMatchObject({ status: 'Triage (retired)', quality_flags: ['unknown_status'] });
    expect(await one('INC0010106')).toMatchObject({ priority: null, severity: null, status: 'canceled' });
  });

  it('reads the Excel-saved export: BOM, CRLF, display labels, dd-MM-yyyy decided by a day above 12', async () => {
    const summary = await run('incident-list-labels-excel.csv');
    expect(summary).toMatchObject({ records: 5, inserted: 5, flagged: 0 });
    // 03-04-2026 is 3 April (14-04-2026 elsewhere in the file settles day-first); CEST is UTC+2.
    expect(await one('INC0030001')).toMatchObject({ opened: '2026-04-03 07:15:02+00', res: '2026-04-03 09:45:00+00', service: 'Intranet', team: 'Web' });
    // Across the spring-forward night: 23:30 CET and 03:30 CEST are four wall-clock hours but three real ones.
    expect(await one('INC0030003')).toMatchObject({ opened: '2026-03-28 22:30:00+00', res: '2026-03-29 01:30:00+00' });
    expect(await one('INC0030004')).toMatchObject({ status: 'on_hold' });
    expect((await one('INC0030002')).custom).toMatchObject({ sys_updated_on: '2026-04-14 09:30:00', sys_mod_count: '3' });
  });

  it('reads Table API raw values: codes as labels, references as sys_ids, a link to the record', async () => {
    const summary = await run('incident-table-api.json');
    expect(summary).toMatchObject({ records: 6, inserted: 6, flags: { resolved_before_opened: 1, unknown_status: 1 } });
    expect(await one('INC0040001')).toMatchObject({
      priority: '1 - Critical', severity: 'SEV1', status: 'resolved', opened: '2026-05-04 06:12:09+00', reassignment_count: 1,
      team: '8a4dde73c6112278017a6a4baf547aa7', url: 'https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3Da9e30c7dc61122760116894de7bcc7bd',
    });
    expect((await one('INC0040001')).custom).toMatchObject({ impact: '1 - High', urgency: '1 - High', severity: '3 - Low' });
    expect(await one('INC0040003')).toMatchObject({ status: 'on_hold', priority: '3 - Moderate' });
    // Legacy code 4 is not in the current choice list: kept as it was and flagged, not guessed.
    expect(await one('INC0040004')).toMatchObject({ status: '4', quality_flags: ['unknown_status'] });
    expect(await one('INC0040005')).toMatchObject({ priority: null, severity: null, status: 'open' });
  });
});

describe('Table API JSON: raw date-times are planned without a detection statement', () => {
  const detections = (sql: string[]) => sql.filter((text) => text.includes('histogram('));
  const recording = () => {
    const sql: string[] = [];
    const connection = db.connection;
    const original = { run: connection.run.bind(connection), runAndReadAll: connection.runAndReadAll.bind(connection) };
    connection.run = ((text: string, ...rest: unknown[]) => (sql.push(text), (original.run as (...a: unknown[]) => unknown)(text, ...rest))) as typeof connection.run;
    connection.runAndReadAll = ((text: string, ...rest: unknown[]) => (sql.push(text), (original.runAndReadAll as (...a: unknown[]) => unknown)(text, ...rest))) as typeof connection.runAndReadAll;
    return { sql, restore: () => Object.assign(connection, original) };
  };
  const record = (number: string, dates: Record<string, string>) => ({
    number, short_description: number, state: '6', priority: '3', opened_at: '', sys_created_on: '', sys_updated_on: '2026-05-14 07:00:00', resolved_at: '', closed_at: '', ...dates,
  });

  it('every value naive ISO or empty: no detection, the same rows', async () => {
    const recorded = recording();
    try {
      await run('incident-table-api.json');
    } finally {
      recorded.restore();
    }
    expect(detections(recorded.sql)).toEqual([]);
    expect(await one('INC0040001')).toMatchObject({ opened: '2026-05-04 06:12:09+00', res: '2026-05-04 07:40:33+00', closed: null });
  });

  it('a column with another value is detected: display formats settle the file, epochs and padded values read, junk is flagged', async () => {
    const file = dir.path('mixed-dates.json');
    writeFileSync(file, JSON.stringify({ result: [
      record('INC1', { opened_at: '14-05-2026 06:12:09', resolved_at: '2026-05-14 07:40:33' }),
      // 03-05-2026 is 3 May only because 14-05-2026 in the same column settles day-first.
      record('INC2', { opened_at: '03-05-2026 08:00:00', resolved_at: ' 2026-05-03 09:00:00 ', closed_at: '1778144400' }),
      record('INC3', { opened_at: '2026-05-05 10:00:00', closed_at: 'soon' }),
    ] }));
    const recorded = recording();
    try {
      const summary = await importFile(db.connection, { file, profile: 'servicenow', now: NOW });
      expect(summary).toMatchObject({ records: 3, inserted: 3, flags: { invalid_closed_at: 1 } });
    } finally {
      recorded.restore();
    }
    expect(detections(recorded.sql).length).toBeGreaterThan(0);
    expect(await one('INC1')).toMatchObject({ opened: '2026-05-14 06:12:09+00', res: '2026-05-14 07:40:33+00' });
    expect(await one('INC2')).toMatchObject({ opened: '2026-05-03 08:00:00+00', res: '2026-05-03 09:00:00+00', closed: '2026-05-07 09:00:00+00' });
    expect(await one('INC3')).toMatchObject({ opened: '2026-05-05 10:00:00+00', closed: null, quality_flags: ['invalid_closed_at'] });
  });
});

describe('hand-checked: one row per update collapses to one incident and its timeline', () => {
  it('UCI-style event log: latest state wins, state changes, holds, hand-overs and a reopening', async () => {
    const summary = await run('incident-event-log.csv');
    // 16 update rows of 4 incidents: 12 earlier states collapse into their incident.
    expect(summary).toMatchObject({ records: 16, inserted: 4, duplicates: 12, events: 26, eventsRejected: 0, flags: { unknown_status: 1 } });
    expect(await one('INC0000045')).toMatchObject({
      status: 'closed', opened: '2016-02-29 01:16:00+00', ack: '2016-02-29 08:53:00+00', res: '2016-03-05 12:00:00+00', closed: '2016-03-10 12:00:00+00',
      team: 'Group 56', assignee: 'Resolver 149', priority: '3 - Moderate',
    });
    // The row with sys_mod_count 2 is saved after the one with 3; the order of updates wins.
    expect(await one('INC0000047')).toMatchObject({
      status: 'resolved', ack: '2016-02-29 05:18:00+00', res: '2016-03-02 13:05:00+00', reopen_count: 1, reassignment_count: 1, team: 'Group 24',
    });
    expect(await timeline('INC0000047')).toEqual([
      { at: '2016-02-29 05:18', kind: 'acknowledged', from: 'New', to: 'Active', body: null },
      { at: '2016-02-29 05:18', kind: 'reassigned', from: null, to: 'Resolver 31', body: 'assigned_to' },
      { at: '2016-02-29 05:18', kind: 'status', from: 'New', to: 'Active', body: null },
      { at: '2016-02-29 16:00', kind: 'on_hold', from: 'Active', to: 'Awaiting User Info', body: null },
      { at: '2016-02-29 16:00', kind: 'status', from: 'Active', to: 'Awaiting User Info', body: null },
      { at: '2016-03-01 09:10', kind: 'reassigned', from: 'Group 70', to: 'Group 24', body: 'assignment_group' },
      { at: '2016-03-01 09:10', kind: 'reassigned', from: 'Resolver 31', to: 'Resolver 89', body: 'assigned_to' },
      { at: '2016-03-01 09:10', kind: 'resumed', from: 'Awaiting User Info', to: 'Active', body: null },
      { at: '2016-03-01 09:10', kind: 'status', from: 'Awaiting User Info', to: 'Active', body: null },
      { at: '2016-03-01 15:45', kind: 'resolved', from: 'Active', to: 'Resolved', body: null },
      { at: '2016-03-01 15:45', kind: 'status', from: 'Active', to: 'Resolved', body: null },
      { at: '2016-03-02 08:30', kind: 'reopened', from: 'Resolved', to: 'Active', body: null },
      { at: '2016-03-02 08:30', kind: 'status', from: 'Resolved', to: 'Active', body: null },
      { at: '2016-03-02 13:05', kind: 'resolved', from: 'Active', to: 'Resolved', body: null },
      { at: '2016-03-02 13:05', kind: 'status', from: 'Active', to: 'Resolved', body: null },
    ]);
    // Junk as the latest state is kept and flagged; "?" is a null marker, never a value.
    expect(await one('INC0000057')).toMatchObject({ status: '-100', quality_flags: ['unknown_status'] });
    expect(await one('INC0000062')).toMatchObject({ status: 'open', priority: null, assignee: null, ack: null });
    expect(await timeline('INC0000062')).toEqual([]);
  });

  it('Table API display values polled into NDJSON: counts derived when the export lacks them', async () => {
    const summary = await run('incident-updates-display.ndjson');
    expect(summary).toMatchObject({ records: 11, inserted: 3, duplicates: 8, events: 19 });
    // 09:00 in New York (EDT, UTC-4) is 13:00 UTC; the first move out of New is at 09:12.
    expect(await one('INC0050001')).toMatchObject({
      status: 'resolved', priority: '1 - Critical', severity: 'SEV1', opened: '2026-06-01 13:00:00+00', ack: '2026-06-01 13:12:00+00',
      res: '2026-06-01 19:10:00+00', reopen_count: 1, reassignment_count: 2, team: 'Database', assignee: 'Fred Luddy', service: 'Online Shop',
    });
    // Raised from 2 - High to 1 - Critical when it was reopened at 17:30: one escalation.
    expect((await rows("SELECT escalation_count FROM incidents WHERE external_id = 'INC0050001'"))[0]).toEqual({ escalation_count: 1 });
    expect((await timeline('INC0050001')).filter((event) => event.kind !== 'status').map((event) => `${String(event.at).slice(11)} ${String(event.kind)}`)).toEqual([
      '13:12 acknowledged', '13:12 reassigned', '13:40 on_hold', '14:15 reassigned', '14:15 reassigned', '14:15 resumed',
      '15:00 resolved', '17:30 escalated', '17:30 reassigned', '17:30 reopened', '19:10 resolved',
    ]);
    // Canceled straight from New is not an acknowledgement.
    expect(await one('INC0050002')).toMatchObject({ status: 'canceled', ack: null, closed: '2026-06-01 13:41:00+00' });
    expect(await timeline('INC0050002')).toEqual([{ at: '2026-06-01 13:41', kind: 'status', from: 'New', to: 'Canceled', body: null }]);
  });
});

describe("hindsight.yaml's status words", () => {
  it('take part in the event-log timeline: a state named only in the config acknowledges, holds and resumes', async () => {
    const file = dir.path('cab-log.csv');
    writeFileSync(file, [
      'Number,Short description,State,Opened,Updated,Updates',
      'INC1,a,New,2026-03-01 10:00:00,2026-03-01 10:00:00,0',
      'INC1,a,Awaiting Change Board,2026-03-01 10:00:00,2026-03-01 10:20:00,1',
      'INC1,a,In Progress,2026-03-01 10:00:00,2026-03-01 11:00:00,2',
      'INC1,a,Resolved,2026-03-01 10:00:00,2026-03-01 12:00:00,3',
    ].join('\n'));
    await importFile(db.connection, { file, profile: 'servicenow', now: NOW, source: 'plain' });
    await importFile(db.connection, { file, profile: 'servicenow', now: NOW, source: 'words', scheme: { status: { 'Awaiting Change Board': 'on_hold' } } });
    expect(await rows(`SELECT source, CAST(acknowledged_at AS VARCHAR) AS ack FROM incidents ORDER BY source`)).toEqual([
      // Unknown to the defaults, the state is skipped: the first known move out of New is at 11:00.
      { source: 'plain', ack: '2026-03-01 11:00:00+00' },
      { source: 'words', ack: '2026-03-01 10:20:00+00' },
    ]);
    expect(await rows(`SELECT strftime(occurred_at, '%H:%M') AS at, kind FROM incident_events WHERE source = 'words' AND kind <> 'status' ORDER BY occurred_at, kind`)).toEqual([
      { at: '10:20', kind: 'acknowledged' }, { at: '10:20', kind: 'on_hold' }, { at: '11:00', kind: 'resumed' }, { at: '12:00', kind: 'resolved' },
    ]);
  });
});

describe('bad input', () => {
  it('stops at dates that could be day-first or month-first, and reads them with --date-format', async () => {
    const file = dir.path('ambiguous.csv');
    writeFileSync(file, 'Number,Short description,State,Opened\nINC1,a,New,03-04-2026 09:15:02\nINC2,b,New,05-06-2026 10:00:00\n');
    const error = await importFile(db.connection, { file, profile: 'servicenow', now: NOW }).then(() => null, (e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/ambiguous\.csv: column "Opened" has dates like 03-04-2026 09:15:02 that could be day-first or month-first; pass --date-format "%d-%m-%Y %H:%M:%S" or "%m-%d-%Y %H:%M:%S"\.$/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    await importFile(db.connection, { file, profile: 'servicenow', now: NOW, dateFormat: '%m-%d-%Y %H:%M:%S' });
    expect(await rows(`SELECT external_id, CAST(opened_at AS VARCHAR) AS opened FROM incidents ORDER BY 1`)).toEqual([
      { external_id: 'INC1', opened: '2026-03-04 09:15:02+00' },
      { external_id: 'INC2', opened: '2026-05-06 10:00:00+00' },
    ]);
  });

  it('settles day/month for the whole file: a day above 12 in one date column reads the others; opposite orders stop it', async () => {
    const file = dir.path('settled.csv');
    // Opened alone could be either order; 14-04-2026 in Resolved settles the export's one format.
    writeFileSync(file, 'Number,Short description,State,Opened,Resolved\nINC1,a,Resolved,03-04-2026 09:15:02,14-04-2026 10:00:00\n');
    await importFile(db.connection, { file, profile: 'servicenow', now: NOW });
    expect(await rows(`SELECT CAST(opened_at AS VARCHAR) AS o, CAST(resolved_at AS VARCHAR) AS r FROM incidents`)).toEqual([
      { o: '2026-04-03 09:15:02+00', r: '2026-04-14 10:00:00+00' },
    ]);
    const mixed = dir.path('mixed.csv');
    writeFileSync(mixed, 'Number,Short description,State,Opened,Resolved\nINC2,b,Resolved,13-04-2026 09:15:02,04-14-2026 10:00:00\n');
    const error = await importFile(db.connection, { file: mixed, profile: 'servicenow', now: NOW }).then(() => null, (e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toBe(
      `${mixed}: columns "Opened" and "Resolved" mix day-first dates like 13-04-2026 09:15:02 with month-first dates like 04-14-2026 10:00:00; `
      + 'correct the file, or pass --date-format "%d-%m-%Y %H:%M:%S" or "%m-%d-%Y %H:%M:%S" to read every value one way (values that don\'t fit are flagged).',
    );
  });

  it('rejects a file that is not an incident export with one sentence', async () => {
    const file = dir.path('users.csv');
    writeFileSync(file, 'user_name,email\nbeth,beth@example.com\n');
    await expect(importFile(db.connection, { file, profile: 'servicenow', now: NOW })).rejects.toThrow(
      /users\.csv: not a ServiceNow incident export: no "number" and "opened_at" \(or "sys_created_on"\) column \(found: user_name, email\)\./,
    );
  });
});
