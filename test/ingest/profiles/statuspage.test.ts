/**
 * The statuspage profile, end to end: each sample in fixtures/samples/statuspage/ through the
 * real import into an in-memory DuckDB, read back and compared with a snapshot beside this
 * file, plus hand-checked numbers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../../ingest/import-file.ts';
import { openDatabase, type Database } from '../../../queries/db.ts';
import { isInputError } from '../../../queries/errors.ts';
import { tempDir } from '../../helpers/db.ts';

const SAMPLES = 'fixtures/samples/statuspage';
const NOW = () => new Date('2026-11-30T12:00:00Z');
const LATER = () => new Date('2026-12-01T08:00:00Z');
const GOLDEN = ['githubstatus-incidents.json', 'githubstatus-incident-by-id.json', 'acme-edge-cases.ndjson', 'acme-scheduled-maintenances.json'];

const dir = tempDir();
afterAll(() => dir.remove());
let db: Database;
beforeEach(async () => {
  db = await openDatabase(':memory:');
});
afterEach(() => db.close());

const run = (file: string, options: Partial<ImportOptions> = {}) => importFile(db.connection, { file, profile: 'statuspage', now: NOW, ...options });
const sample = (name: string) => `${SAMPLES}/${name}`;
async function rows(sql: string) {
  return (await db.connection.runAndReadAll(sql)).getRowObjectsJson();
}
const incidents = () => rows(`
  SELECT external_id, title, service, severity, severity_rank, status,
         CAST(opened_at AS VARCHAR) AS opened_at, CAST(acknowledged_at AS VARCHAR) AS acknowledged_at,
         CAST(mitigated_at AS VARCHAR) AS mitigated_at, CAST(resolved_at AS VARCHAR) AS resolved_at, reopen_count,
         url, postmortem_url, CAST(postmortem_done_at AS VARCHAR) AS postmortem_done_at, custom, quality_flags
  FROM incidents ORDER BY external_id`);
/** custom comes back as JSON text; parsed, the snapshot diff shows which key changed. */
const parseCustom = (row: Record<string, unknown>) => ({ ...row, custom: typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom });
const events = () => rows(`
  SELECT external_id, CAST(occurred_at AS VARCHAR) AS occurred_at, kind, ordinal, from_value, to_value, body
  FROM incident_events ORDER BY external_id, occurred_at, kind, ordinal`);
const one = async (id: string) => (await rows(`SELECT *, CAST(opened_at AS VARCHAR) AS opened, CAST(resolved_at AS VARCHAR) AS res,
  CAST(postmortem_done_at AS VARCHAR) AS pm_done FROM incidents WHERE external_id = '${id}'`))[0]!;
const updateCounts = () => rows(`SELECT external_id, count(*)::INTEGER AS n FROM incident_events WHERE kind = 'stakeholder_update' GROUP BY 1 ORDER BY 1`);

describe('hindsight import --profile statuspage: golden samples', () => {
  for (const name of GOLDEN) {
    it(`${name} → the rows in its snapshot`, async () => {
      const { file: _file, runId: _runId, ...summary } = await run(sample(name));
      const golden = { summary, incidents: (await incidents()).map(parseCustom), events: await events() };
      await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/statuspage-${name.replace(/\.\w+$/, '')}.json`);
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

describe('hand-checked', () => {
  it('maps impact one step per severity and turns every update into a stakeholder update', async () => {
    await run(sample('githubstatus-incidents.json'));
    const saved = JSON.parse(readFileSync(sample('githubstatus-incidents.json'), 'utf8')) as { incidents: Array<{ id: string; incident_updates: unknown[] }> };
    expect(await updateCounts()).toEqual(saved.incidents.map((i) => ({ external_id: i.id, n: i.incident_updates.length })).sort((a, b) => a.external_id.localeCompare(b.external_id)));
    expect(await updateCounts()).toEqual([{ external_id: 'bhbcjn4n3jzp', n: 12 }, { external_id: 'bmpybhnrky3x', n: 5 }, { external_id: 'gx7js8bd0jpz', n: 2 }]);
    expect(await rows('SELECT external_id, severity FROM incidents ORDER BY 1')).toEqual([
      { external_id: 'bhbcjn4n3jzp', severity: 'SEV1' }, { external_id: 'bmpybhnrky3x', severity: 'SEV3' }, { external_id: 'gx7js8bd0jpz', severity: 'SEV2' },
    ]);
    // GitHub posts "monitoring" 7 s after opening, before any fix: not read as mitigation.
    expect(await one('bmpybhnrky3x')).toMatchObject({ opened: '2026-08-18 07:40:35.676+00', mitigated_at: null, acknowledged_at: null });
  });

  it('orders updates oldest first by display_at and names the service from the first component', async () => {
    await run(sample('githubstatus-incident-by-id.json'));
    expect(await one('lc8s9rtyjmgq')).toMatchObject({ service: 'Actions', url: 'https://stspg.io/3ly8hy6f17kj', postmortem_url: null });
    expect(await rows(`SELECT to_value FROM incident_events WHERE external_id = 'lc8s9rtyjmgq' ORDER BY occurred_at`)).toEqual(
      ['investigating', 'investigating', 'identified', 'monitoring', 'resolved'].map((to_value) => ({ to_value })),
    );
  });

  it('counts a reopening, keeps the newest snapshot, records a postmortem and counts updates it cannot attach', async () => {
    const summary = await run(sample('acme-edge-cases.ndjson'));
    expect(summary).toMatchObject({ records: 5, duplicates: 1, inserted: 4, eventsRejected: 2, flags: { missing_external_id: 1 } });
    expect(await one('r3op8n2k4d6s')).toMatchObject({ reopen_count: 1, status: 'resolved', res: '2026-03-08 09:10:00+00' });
    expect(await rows(`SELECT CAST(occurred_at AS VARCHAR) AS at, from_value, to_value FROM incident_events WHERE kind = 'reopened'`)).toEqual([
      { at: '2026-03-08 08:30:00+00', from_value: 'resolved', to_value: 'investigating' },
    ]);
    // The older copy of p0ngq7xw3f2k comes later in the file; the newer one (2 updates) wins.
    expect(await one('p0ngq7xw3f2k')).toMatchObject({ severity: 'SEV4', status: 'open', resolved_at: null });
    expect((await updateCounts()).find((row) => row.external_id === 'p0ngq7xw3f2k')).toEqual({ external_id: 'p0ngq7xw3f2k', n: 2 });
    expect(await one('m9pst3r7q1w5')).toMatchObject({ postmortem_url: 'https://stspg.io/m9pst3acme', pm_done: '2026-02-24 16:00:00+00', status: 'resolved' });
  });

  it('keeps scheduled maintenance, without a severity and flagged', async () => {
    const summary = await run(sample('acme-scheduled-maintenances.json'));
    expect(summary).toMatchObject({ records: 2, flagged: 2, flags: { maintenance: 2 } });
    expect(await rows('SELECT external_id, severity, status, quality_flags FROM incidents ORDER BY 1')).toEqual([
      { external_id: 'mnt7c0mpl3t3', severity: null, status: 'resolved', quality_flags: ['maintenance'] },
      { external_id: 'mnt9upc0m1ng', severity: null, status: 'open', quality_flags: ['maintenance'] },
    ]);
  });
});

describe('input the profile refuses, in one sentence', () => {
  it('rejects a file without incidents', async () => {
    const file = dir.path('status.json');
    writeFileSync(file, '{"page":{"id":"x","name":"X"},"status":{"indicator":"none","description":"All Systems Operational"}}');
    const error = await run(file).then(() => null, (e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/status\.json: not a Statuspage incident or incidents list \(keys: page, status\)\./);
  });

  it('rejects --map, which only the generic profile uses', async () => {
    await expect(run(sample('githubstatus-incidents.json'), { map: { name: 'title' } })).rejects.toThrow(/--map is not used by the statuspage profile/);
  });
});
