/**
 * The Statuspage connector against the fake public API (test/fakes/statuspage.ts) over real
 * HTTP on 127.0.0.1, into a real DuckDB. There is one page (the 50 most recent incidents) and no
 * auth, so "cut off after page 2" becomes "cut off at the list", and there is no 401 case.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../queries/db.ts';
import { madeIncident, statuspageData } from '../../fakes/records/statuspage.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { createStatuspageFake } from '../../fakes/statuspage.ts';
import { cursorOf, fingerprint, incident, recorder, rows, runsOf, runSync, sourceFrom } from './harness.ts';

let fake: ReturnType<typeof createStatuspageFake>;
let server: RunningFake;

beforeAll(async () => {
  fake = createStatuspageFake([], {});
  server = await startFake(fake.app);
});
afterAll(() => server.close());
beforeEach(() => {
  const data = statuspageData();
  fake.incidents.splice(0, fake.incidents.length, ...data.incidents);
  fake.faults.clear();
  fake.requests.length = 0;
});

const config = (extra: Record<string, unknown> = {}) => sourceFrom({ name: 'githubstatus', type: 'statuspage', base_url: server.url, ...extra });
const count = async (db: Awaited<ReturnType<typeof openDatabase>>, table = 'incidents') => (await rows(db.connection, `SELECT count(*)::INTEGER AS n FROM ${table}`))[0]!.n;

describe('statuspage connector', { timeout: 60_000 }, () => {
  it('full pull: every listed incident, its updates as stakeholder updates, times as the page states them', async () => {
    const db = await openDatabase(':memory:');
    try {
      const summary = await runSync(db, config(), {});
      expect(summary).toMatchObject({ mode: 'full', pages: 1, records: 8, inserted: 8 });
      // The REAL lc8s9rtyjmgq: opened 20:09:03.904, resolved 23:10:51.289 (2021-08-10), 5 updates.
      expect(await incident(db.connection, 'lc8s9rtyjmgq')).toMatchObject({ opened: '2021-08-10T20:09:03.904Z', resolved: '2021-08-10T23:10:51.289Z', severity: 'SEV2' });
      const [updates] = await rows(db.connection, `SELECT count(*)::INTEGER AS n FROM incident_events WHERE external_id = 'lc8s9rtyjmgq' AND kind = 'stakeholder_update'`);
      expect(updates).toEqual({ n: 5 });
      expect(await incident(db.connection, 'bhbcjn4n3jzp')).toMatchObject({ severity: 'SEV1', resolved: '2026-08-21T00:37:20.224Z' });
      expect(await cursorOf(db.connection, 'githubstatus')).toBe('2026-08-21T22:46:26.189Z');
    } finally {
      db.close();
    }
  });

  it('an incremental pull keeps only incidents updated since the cursor minus the overlap', async () => {
    const db = await openDatabase(':memory:');
    try {
      await runSync(db, config(), {});
      const changed = fake.incidents.find((candidate) => candidate.id === 'gen0002')!;
      (changed.incident_updates as unknown[]).unshift({ id: 'gen0002u3', status: 'postmortem', body: 'Postmortem published.', incident_id: 'gen0002', created_at: '2026-09-01T08:00:00.000Z', updated_at: '2026-09-01T08:00:00.000Z', display_at: '2026-09-01T08:00:00.000Z' });
      Object.assign(changed, { status: 'postmortem', updated_at: '2026-09-01T08:00:00.000Z' });
      const summary = await runSync(db, config(), {});
      // gx7js8bd0jpz and bmpybhnrky3x were updated within 10 minutes of the cursor: read again, unchanged.
      expect(summary).toMatchObject({ mode: 'incremental', records: 3, updated: 1, unchanged: 2 });
      expect(await cursorOf(db.connection, 'githubstatus')).toBe('2026-09-01T08:00:00.000Z');
    } finally {
      db.close();
    }
  });

  it('refreshes a stored open incident that dropped off the 50 most recent, from /incidents/{id}.json', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.incidents.push(madeIncident('old0pen00001', '2026-06-01T10:00:00.000Z', false));
      await runSync(db, config(), {});
      expect(await incident(db.connection, 'old0pen00001')).toMatchObject({ status: 'open', resolved: null });
      // 50 newer incidents push it off the list; meanwhile it was resolved.
      for (let n = 0; n < 50; n += 1) fake.incidents.push(madeIncident(`new${String(n).padStart(9, '0')}`, `2026-10-${String(1 + (n % 28)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:00:00.000Z`));
      const resolved = madeIncident('old0pen00001', '2026-06-01T10:00:00.000Z');
      Object.assign(fake.incidents.find((candidate) => candidate.id === 'old0pen00001')!, resolved);
      fake.requests.length = 0;
      await runSync(db, config(), {});
      expect(fake.requests.some((url) => url.endsWith('/api/v2/incidents/old0pen00001.json'))).toBe(true);
      expect(await incident(db.connection, 'old0pen00001')).toMatchObject({ status: 'resolved', resolved: '2026-06-01T10:30:00.000Z' });
    } finally {
      db.close();
    }
  });

  it('waits out a 429 for exactly its Retry-After, and retries a 500', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(1, { kind: 'server_error' }).at(2, { kind: 'rate_limit', seconds: 10 });
      const sleeper = recorder();
      expect(await runSync(db, config(), {}, sleeper)).toMatchObject({ records: 8 });
      expect(sleeper.waits).toEqual([750, 10_000]);
    } finally {
      db.close();
    }
  });

  it('a run cut off at the list leaves nothing; the next run gives exactly the database of an uninterrupted run', async () => {
    const whole = await openDatabase(':memory:');
    const cut = await openDatabase(':memory:');
    try {
      await runSync(whole, config(), {});
      fake.faults.abortAfter(0);
      await expect(runSync(cut, config(), {})).rejects.toThrow(/^githubstatus: Statuspage request to .*\/api\/v2\/incidents\.json failed: no answer after 6 attempts/);
      expect(await count(cut)).toBe(0);
      expect(await runsOf(cut.connection)).toMatchObject([{ kind: 'sync', status: 'failed' }]);
      fake.faults.clear();
      await runSync(cut, config(), {});
      expect(await fingerprint(cut.connection)).toBe(await fingerprint(whole.connection));
    } finally {
      whole.close();
      cut.close();
    }
  });

  it('a malformed page fails the run with vendor, URL and reason; nothing is written', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(1, { kind: 'malformed', body: '{"page": {"id": "kctbh9vrtdwd"}}' });
      await expect(runSync(db, config(), {})).rejects.toThrow(`githubstatus: Statuspage returned a malformed page from ${server.url}/api/v2/incidents.json: "incidents" is missing or not a list.`);
      expect(await count(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});
