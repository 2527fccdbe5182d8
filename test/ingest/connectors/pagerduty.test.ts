/**
 * The PagerDuty connector against the fake REST API (test/fakes/pagerduty.ts) over real HTTP on
 * 127.0.0.1, into a real DuckDB. Expected times are the sample log entries' own
 * (test/fakes/records/pagerduty.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../ingest/connectors/http.ts';
import { windowPages } from '../../../ingest/connectors/pagerduty/pages.ts';
import { openDatabase } from '../../../queries/db.ts';
import { pagerdutyIncidents } from '../../fakes/records/pagerduty.ts';
import { createPagerDutyFake, OFFSET_CAP_ERROR } from '../../fakes/pagerduty.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { cursorOf, fingerprint, incident, NOW, recorder, rows, runSync, sourceFrom } from './harness.ts';

const ENV = { PD_TOKEN: 'y_NbAkKc66ryYTWUXYEu' };
let fake: ReturnType<typeof createPagerDutyFake>;
let server: RunningFake;

beforeAll(async () => {
  fake = createPagerDutyFake([], { token: ENV.PD_TOKEN, now: () => NOW.getTime() });
  server = await startFake(fake.app);
});
afterAll(() => server.close());
beforeEach(() => {
  fake.incidents.splice(0, fake.incidents.length, ...pagerdutyIncidents());
  fake.faults.clear();
  fake.requests.length = 0;
});

const config = (extra: Record<string, unknown> = {}) =>
  sourceFrom({ name: 'pd', type: 'pagerduty', base_url: server.url, auth: { token_env: 'PD_TOKEN' }, start: '2013-01-01', window: '180d', page_size: 3, ...extra });
const count = async (db: Awaited<ReturnType<typeof openDatabase>>) => (await rows(db.connection, 'SELECT count(*)::INTEGER AS n FROM incidents'))[0]!.n;
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

describe('pagerduty connector', { timeout: 60_000 }, () => {
  it('full pull: creation windows, pages of 3, each incident with its log; times as the log entries say', async () => {
    const db = await openDatabase(':memory:');
    try {
      const summary = await runSync(db, config(), ENV);
      expect(summary).toMatchObject({ mode: 'full', records: 12, inserted: 12 });
      const lists = fake.requests.filter((url) => new URL(url).pathname === '/incidents').map((url) => new URL(url).searchParams);
      expect(lists.every((params) => Number(params.get('limit')) === 3 && params.get('sort_by') === 'created_at:asc')).toBe(true);
      expect(lists.every((params) => Date.parse(params.get('until')!) - Date.parse(params.get('since')!) <= 180 * 86_400_000)).toBe(true);
      // THIRDPARTY timeline: acknowledged 44 s after the trigger, one escalation, resolved 21:33:15.
      expect(await incident(db.connection, 'P31FVLZ')).toMatchObject({
        opened: '2013-03-06T20:28:46.000Z', acknowledged: '2013-03-06T20:29:30.000Z', resolved: '2013-03-06T21:33:15.000Z', escalation_count: 1,
      });
      // OFFICIAL example: never acknowledged, resolved at its resolve entry.
      expect(await incident(db.connection, 'PT4KHLK')).toMatchObject({ acknowledged: null, resolved: '2015-10-06T21:38:23.000Z' });
      // Reopened: first acknowledgement, final resolution.
      expect(await incident(db.connection, 'PRO4T2X')).toMatchObject({ acknowledged: '2026-02-03T08:04:00.000Z', resolved: '2026-02-03T10:00:00.000Z', reopen_count: 1 });
      expect(await incident(db.connection, 'PSTL0PN')).toMatchObject({ status: 'acknowledged', resolved: null });
      expect(JSON.parse((await cursorOf(db.connection, 'pd'))!)).toEqual({ mode: 'incremental', since: NOW.toISOString() });
    } finally {
      db.close();
    }
  });

  it('an incremental pull finds changed incidents through /log_entries since the cursor minus the overlap', async () => {
    const db = await openDatabase(':memory:');
    try {
      await runSync(db, config(), ENV);
      fake.requests.length = 0;
      const open = fake.incidents.find(({ incident: i }) => i.id === 'PSTL0PN')!;
      Object.assign(open.incident, { status: 'resolved', updated_at: minutesBefore(5), resolved_at: minutesBefore(5) });
      open.log.push({ id: 'QST0007', type: 'resolve_log_entry', created_at: minutesBefore(5), agent: { type: 'user_reference', summary: 'Ana Ruiz' } });
      const created = pagerdutyIncidents(1).at(-1)!;
      created.incident = { ...created.incident, id: 'PNEW001', created_at: minutesBefore(3), status: 'triggered', resolved_at: null };
      created.log = [{ id: 'QNEW001', type: 'trigger_log_entry', created_at: minutesBefore(3), agent: { type: 'service_reference', summary: 'Checkout' } }];
      fake.incidents.push(created);
      const summary = await runSync(db, config(), ENV);
      const [log] = fake.requests.filter((url) => new URL(url).pathname === '/log_entries');
      expect(new URL(log!).searchParams.get('since')).toBe(minutesBefore(10));
      expect(new URL(log!).searchParams.get('until')).toBe(NOW.toISOString());
      expect(summary).toMatchObject({ mode: 'incremental', records: 2, inserted: 1, updated: 1, unchanged: 0 });
      expect(await incident(db.connection, 'PSTL0PN')).toMatchObject({ status: 'resolved', resolved: minutesBefore(5) });
    } finally {
      db.close();
    }
  });

  it('waits out a 429 for its ratelimit-reset, and retries a 500', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(1, { kind: 'rate_limit', seconds: 20 }).at(2, { kind: 'server_error' });
      const sleeper = recorder();
      const summary = await runSync(db, config(), ENV, sleeper);
      expect(sleeper.waits).toEqual([20_000, 750]);
      expect(summary).toMatchObject({ records: 12, waits: 2 });
    } finally {
      db.close();
    }
  });

  it('401 fails fast with one sentence naming the source and the variable', async () => {
    const db = await openDatabase(':memory:');
    try {
      await expect(runSync(db, config(), { PD_TOKEN: 'revoked' })).rejects.toThrow(
        'pd: PagerDuty rejected the credentials in PD_TOKEN (HTTP 401); check that the token is valid and may read this data.',
      );
      expect(fake.requests).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('a run cut off after page 2, then run again, resumes at the next window and leaves exactly the database of an uninterrupted run', async () => {
    const whole = await openDatabase(':memory:');
    const cut = await openDatabase(':memory:');
    try {
      await runSync(whole, config(), ENV);
      fake.faults.abortAfter(2);
      await expect(runSync(cut, config({ batch_size: 1 }), ENV)).rejects.toThrow(/^pd: PagerDuty request to .*\/incidents\?since=.* failed: no answer after 6 attempts/);
      // Window 1 (P31FVLZ) and the empty window 2 are committed, with the cursor at window 3.
      expect(await count(cut)).toBe(1);
      const stored = JSON.parse((await cursorOf(cut.connection, 'pd'))!) as { mode: string; next: string };
      expect(stored).toMatchObject({ mode: 'full', next: new Date(Date.parse('2013-01-01') + 2 * 180 * 86_400_000).toISOString() });
      fake.faults.clear();
      fake.requests.length = 0;
      await runSync(cut, config(), ENV);
      expect(new URL(fake.requests[0]!).searchParams.get('since')).toBe(stored.next);
      expect(await fingerprint(cut.connection)).toBe(await fingerprint(whole.connection));
    } finally {
      whole.close();
      cut.close();
    }
  });

  it('a malformed page fails the run with vendor, URL and reason; nothing of its batch is written', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(1, { kind: 'malformed', body: '{"incidents": [], "limit": 3, "offset": 0}' });
      await expect(runSync(db, config(), ENV)).rejects.toThrow(
        new RegExp(`^pd: PagerDuty returned a malformed page from ${server.url}/incidents\\?since=2013-01-01.*: "more" is missing\\.$`),
      );
      expect(await count(db)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('never asks past the offset cap: a window holding more is halved (the fake answers the REAL 400 otherwise)', async () => {
    const capped = createPagerDutyFake(pagerdutyIncidents(10), { token: ENV.PD_TOKEN, offsetCap: 6, now: () => NOW.getTime() });
    const local = await startFake(capped.app);
    try {
      const beyond = await fetch(`${local.url}/incidents?since=2026-01-01T00:00:00Z&until=2026-02-01T00:00:00Z&offset=6&limit=2`, { headers: { Authorization: `Token token=${ENV.PD_TOKEN}` } });
      expect(beyond.status).toBe(400);
      expect(await beyond.json()).toEqual(OFFSET_CAP_ERROR);
      capped.requests.length = 0;
      const http = new HttpClient({ vendor: 'PagerDuty', source: 'pd', origin: local.url, headers: { Authorization: `Token token=${ENV.PD_TOKEN}` }, credentialEnv: ['PD_TOKEN'] });
      const request = { http, source: 'pd', endpoint: `${local.url}/incidents`, key: 'incidents', limit: 2, params: [] as Array<[string, string]>, cap: 6 };
      const ids = new Set<string>();
      for await (const items of windowPages(request, { since: Date.parse('2026-01-01T00:00:00Z'), until: Date.parse('2026-02-01T00:00:00Z') })) {
        for (const item of items) ids.add(String(item.id));
      }
      expect([...ids].sort()).toEqual(['PGEN001', 'PGEN002', 'PGEN003', 'PGEN004', 'PGEN005', 'PGEN006', 'PGEN007', 'PGEN008', 'PGEN009', 'PGEN010']);
      const asked = capped.requests.map((url) => new URL(url).searchParams).map((params) => Number(params.get('offset')) + Number(params.get('limit')));
      expect(Math.max(...asked)).toBeLessThanOrEqual(6);
    } finally {
      await local.close();
    }
  });
});
