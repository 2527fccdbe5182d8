/**
 * The pagerduty profile, end to end: each sample in fixtures/samples/pagerduty/ through the real
 * import into an in-memory DuckDB, read back and compared with a snapshot beside this file, plus
 * hand-checked numbers (the snapshots are only as good as the eye that blessed them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../../ingest/import-file.ts';
import { openDatabase, type Database } from '../../../queries/db.ts';
import { isInputError } from '../../../queries/errors.ts';
import { tempDir } from '../../helpers/db.ts';

const SAMPLES = 'fixtures/samples/pagerduty';
const NOW = () => new Date('2026-11-30T12:00:00Z');
const LATER = () => new Date('2026-12-01T08:00:00Z');
const GOLDEN = [
  'incident-pages-embedded-log-entries.json',
  'incident-get-with-log-entries.json',
  'incidents-and-log-entries.ndjson',
  'analytics-raw-incidents.json',
  'analytics-raw-incidents-new-york.json',
];

const dir = tempDir();
afterAll(() => dir.remove());
let db: Database;
beforeEach(async () => {
  db = await openDatabase(':memory:');
});
afterEach(() => db.close());

const run = (file: string, options: Partial<ImportOptions> = {}) => importFile(db.connection, { file, profile: 'pagerduty', now: NOW, ...options });
const sample = (name: string) => `${SAMPLES}/${name}`;
async function rows(sql: string) {
  return (await db.connection.runAndReadAll(sql)).getRowObjectsJson();
}
const incidents = () => rows(`
  SELECT external_id, title, service, team, severity, severity_rank, priority, status,
         CAST(opened_at AS VARCHAR) AS opened_at, CAST(acknowledged_at AS VARCHAR) AS acknowledged_at,
         CAST(resolved_at AS VARCHAR) AS resolved_at, reopen_count, escalation_count, reassignment_count,
         assignee, url, custom, quality_flags
  FROM incidents ORDER BY external_id`);
/** custom comes back as JSON text; parsed, the snapshot diff shows which key changed. */
const parseCustom = (row: Record<string, unknown>) => ({ ...row, custom: typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom });
const events = () => rows(`
  SELECT external_id, CAST(occurred_at AS VARCHAR) AS occurred_at, kind, ordinal, from_value, to_value, level, actor, body
  FROM incident_events ORDER BY external_id, occurred_at, kind, ordinal`);
const one = async (id: string) => (await rows(`SELECT *, CAST(acknowledged_at AS VARCHAR) AS ack, CAST(resolved_at AS VARCHAR) AS res,
  epoch(acknowledged_at) - epoch(opened_at) AS tta, epoch(resolved_at) - epoch(opened_at) AS ttr FROM incidents WHERE external_id = '${id}'`))[0]!;

describe('hindsight import --profile pagerduty: golden samples', () => {
  for (const name of GOLDEN) {
    it(`${name} → the rows in its snapshot`, async () => {
      const { file: _file, runId: _runId, ...summary } = await run(sample(name));
      const golden = { summary, incidents: (await incidents()).map(parseCustom), events: await events() };
      await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/pagerduty-${name.replace(/\.\w+$/, '')}.json`);
    });

    it(`${name}: importing it again changes nothing`, async () => {
      const first = await run(sample(name));
      const before = JSON.stringify([await rows('SELECT * EXCLUDE (raw) FROM incidents ORDER BY external_id'), await events()]);
      const second = await run(sample(name), { now: LATER });
      expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted, events: first.events });
      expect(JSON.stringify([await rows('SELECT * EXCLUDE (raw) FROM incidents ORDER BY external_id'), await events()])).toBe(before);
    });
  }
});

describe('hand-checked: REST incidents and log entries', () => {
  it('takes acknowledged_at from the first acknowledge entry and counts escalations, reassignments and reopenings', async () => {
    const summary = await run(sample('incident-pages-embedded-log-entries.json'));
    // 6 incident records; PT4KHLK twice (one kept); the id-less incident's 2 entries can't be attached.
    expect(summary).toMatchObject({ records: 6, duplicates: 1, inserted: 5, events: 17, eventsRejected: 2, flags: { missing_external_id: 1 } });
    const pages = JSON.parse(readFileSync(sample('incident-pages-embedded-log-entries.json'), 'utf8')) as Array<{ incidents: Array<{ id?: string; log_entries: Array<{ type: string; created_at: string }> }> }>;
    const escalated = pages[0]!.incidents.find((incident) => incident.id === 'P31FVLZ')!;
    const firstAck = escalated.log_entries.filter((e) => e.type === 'acknowledge_log_entry').map((e) => e.created_at).sort()[0];
    expect(firstAck).toBe('2013-03-06T20:29:30Z');
    expect(await one('P31FVLZ')).toMatchObject({ ack: '2013-03-06 20:29:30+00', tta: 44, escalation_count: 1, reassignment_count: 0, assignee: 'Bob Smith', team: 'Default', severity: 'SEV2' });
    // Reopened: MTTA from the first acknowledgement, MTTR to the final resolution.
    expect(await one('PRO4T2X')).toMatchObject({ tta: 240, ttr: 7200, reopen_count: 1, reassignment_count: 1, escalation_count: 0 });
    expect(await one('PT4KHLK')).toMatchObject({ acknowledged_at: null, res: '2015-10-06 21:38:23+00', status: 'resolved' });
    expect(await one('PSTL0PN')).toMatchObject({ status: 'acknowledged', resolved_at: null, severity: 'SEV1', assignee: 'Dan Silva' });
    expect(await rows(`SELECT kind, level, to_value FROM incident_events WHERE external_id = 'PSTL0PN' AND kind = 'escalated'`)).toEqual([{ kind: 'escalated', level: 2, to_value: 'Dan Silva' }]);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM incident_events WHERE external_id = 'PT4KHLK'`)).toEqual([{ n: 2 }]);
    expect(await rows(`SELECT kind, CAST(occurred_at AS VARCHAR) AS at FROM incident_events WHERE external_id = 'PRO4T2X' AND kind IN ('reopened', 'reassigned') ORDER BY 2`)).toEqual([
      { kind: 'reopened', at: '2026-02-03 09:10:00+00' }, { kind: 'reassigned', at: '2026-02-03 09:12:00+00' },
    ]);
  });

  it('prefers the first acknowledge entry over acknowledgements[] and keeps separately saved entries in raw', async () => {
    const summary = await run(sample('incident-get-with-log-entries.json'));
    expect(summary).toMatchObject({ records: 1, events: 4, eventsRejected: 1, rejected: { missing_external_id: { count: 1 } } });
    expect(await one('PT4KHLK')).toMatchObject({ ack: '2015-11-10 00:20:00+00', status: 'acknowledged', resolved_at: null, assignee: 'Earline Greenholt' });
    expect(await rows(`SELECT json_array_length(raw->'log_entries')::INTEGER AS n FROM incidents`)).toEqual([{ n: 4 }]);
  });

  it('stores the same record whether log entries were embedded or saved beside the incident', async () => {
    await run(sample('incident-get-with-log-entries.json'));
    const saved = JSON.parse(readFileSync(sample('incident-get-with-log-entries.json'), 'utf8')) as { incident: object; log_entries: Array<{ incident: { id: string } }> };
    const embedded = dir.path('embedded.json');
    const own = saved.log_entries.filter((entry) => entry.incident.id === 'PT4KHLK');
    writeFileSync(embedded, JSON.stringify({ incidents: [{ ...saved.incident, log_entries: own }], limit: 25, offset: 0, more: false }));
    const before = await events();
    expect(await run(embedded, { now: LATER })).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, events: 4 });
    expect(await events()).toEqual(before);
  });

  it('reads offsets across a daylight-saving change as instants', async () => {
    await run(sample('incidents-and-log-entries.ndjson'));
    expect(await one('PLA1X9Q')).toMatchObject({ tta: 900, ttr: 8400, severity: 'SEV4', team: 'Search On-call' });
    expect(await one('PTRIG42')).toMatchObject({ status: 'open', acknowledged_at: null, resolved_at: null, severity: 'SEV2' });
  });
});

describe('hand-checked: Analytics raw incidents', () => {
  it('derives acknowledge and resolve times from the seconds PagerDuty reports', async () => {
    const summary = await run(sample('analytics-raw-incidents.json'));
    expect(summary).toMatchObject({ records: 5, inserted: 5, events: 0, flags: { resolved_before_opened: 1 } });
    expect(await one('PANLT01')).toMatchObject({ ack: '2026-01-15 09:05:00+00', tta: 300, ttr: 5400, severity: 'SEV1', escalation_count: 2, reassignment_count: 1 });
    expect(await one('PANLT02')).toMatchObject({ acknowledged_at: null, ttr: 900, team: 'Data Platform', severity: 'SEV4' });
    expect(await one('PANLT03')).toMatchObject({ status: 'open', acknowledged_at: null, resolved_at: null });
    expect(await one('PCOOHCY')).toMatchObject({ severity: 'SEV2', priority: 'SEV-2', quality_flags: ['resolved_before_opened'] });
  });

  it("reads wall times in the response's time_zone, whatever --tz says", async () => {
    await run(sample('analytics-raw-incidents-new-york.json'), { tz: 'Europe/Paris' });
    expect(await one('PNYDST1')).toMatchObject({ ack: '2026-03-08 06:40:00+00', res: '2026-03-08 07:30:00+00', tta: 600, ttr: 3600 });
  });

  it('reads bare rows (no envelope) in --tz', async () => {
    const file = dir.path('rows.ndjson');
    const row = { id: 'PBARE01', description: 'x', status: 'resolved', urgency: 'high', created_at: '2026-07-01T12:00:00', seconds_to_first_ack: 60, seconds_to_resolve: 600 };
    writeFileSync(file, `${JSON.stringify(row)}\n${JSON.stringify({ ...row, id: 'PBARE02' })}\n`);
    await run(file, { tz: 'Europe/Paris' });
    expect(await one('PBARE01')).toMatchObject({ ack: '2026-07-01 10:01:00+00', res: '2026-07-01 10:10:00+00' });
  });
});

describe('input the profile refuses, in one sentence', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['a file of log entries only', () => sample('log-entries-only.json'),
      /log-entries-only\.json: holds PagerDuty log entries but no incidents; save the incidents with them/],
    ['REST incidents mixed with Analytics rows', () => {
      const file = dir.path('mixed.ndjson');
      writeFileSync(file, '{"incident":{"id":"P1","type":"incident","created_at":"2026-01-01T00:00:00Z"}}\n{"data":[{"id":"P2","seconds_to_resolve":1}]}\n');
      return file;
    }, /mixed\.ndjson: mixes REST incidents with Analytics rows/],
    ['an API error body', () => {
      const file = dir.path('error.json');
      writeFileSync(file, '{"error":{"message":"Arguments Caused Error","code":2002}}');
      return file;
    }, /error\.json: holds a PagerDuty error response \("Arguments Caused Error"\)/],
    ['an unknown Analytics time_zone', () => {
      const file = dir.path('zone.json');
      writeFileSync(file, '{"data":[{"id":"P2","created_at":"2026-01-01T00:00:00","seconds_to_resolve":1}],"time_zone":"Mars/Olympus"}');
      return file;
    }, /zone\.json: the Analytics response's time_zone "Mars\/Olympus" is not a known IANA time zone\./],
  ];
  for (const [name, makeFile, message] of cases) {
    it(`rejects ${name}`, async () => {
      const error = await run(makeFile()).then(() => null, (e: unknown) => e);
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect(await rows('SELECT count(*)::INTEGER AS n FROM incidents')).toEqual([{ n: 0 }]);
    });
  }

  it('rejects --map, which only the generic profile uses', async () => {
    await expect(run(sample('analytics-raw-incidents.json'), { map: { description: 'title' } })).rejects.toThrow(/--map is not used by the pagerduty profile/);
  });
});
