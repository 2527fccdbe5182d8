/**
 * The ServiceNow connector against the fake Table API (test/fakes/servicenow.ts) over real HTTP
 * on 127.0.0.1, into a real DuckDB. Expected times are the sample records' own (test/fakes/records/servicenow.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../queries/db.ts';
import { servicenowRecords } from '../../fakes/records/servicenow.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { createServiceNowFake } from '../../fakes/servicenow.ts';
import { cursorOf, fingerprint, incident, NOW, recorder, rows, runsOf, runSync, sourceFrom } from './harness.ts';

const ENV = { SN_USER: 'hindsight.sync', SN_PASSWORD: 'pa55-word' };
let fake: ReturnType<typeof createServiceNowFake>;
let server: RunningFake;

beforeAll(async () => {
  fake = createServiceNowFake([], { user: ENV.SN_USER, password: ENV.SN_PASSWORD, now: () => NOW.getTime() });
  server = await startFake(fake.app);
});
afterAll(() => server.close());
beforeEach(() => {
  fake.records.splice(0, fake.records.length, ...servicenowRecords());
  fake.faults.clear();
  fake.requests.length = 0;
});

const config = (extra: Record<string, unknown> = {}) =>
  sourceFrom({ name: 'itsm', type: 'servicenow', base_url: server.url, auth: { user_env: 'SN_USER', token_env: 'SN_PASSWORD' }, page_size: 3, ...extra });
const count = async (db: Awaited<ReturnType<typeof openDatabase>>) => (await rows(db.connection, 'SELECT count(*)::INTEGER AS n FROM incidents'))[0]!.n;

describe('servicenow connector', { timeout: 60_000 }, () => {
  it('full pull over several pages through the Link header, with the records\' own times', async () => {
    const db = await openDatabase(':memory:');
    try {
      const progress: Array<number | null> = [];
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: (event) => event.kind === 'page' && progress.push(event.total) });
      expect(summary).toMatchObject({ mode: 'full', pages: 4, records: 10, inserted: 10 });
      expect(progress).toEqual([10, 10, 10, 10]); // X-Total-Count
      const first = new URL(fake.requests[0]!);
      expect(first.searchParams.get('sysparm_query')).toBe('ORDERBYsys_updated_on');
      expect(first.searchParams.get('sysparm_display_value')).toBe('false');
      expect(fake.requests.slice(1).map((url) => new URL(url).searchParams.get('sysparm_offset'))).toEqual(['3', '6', '9']);
      // The REAL closed record: state 7, priority 1, resolved and closed at 12:53:06 UTC.
      expect(await incident(db.connection, 'INC0010041')).toMatchObject({
        status: 'closed', severity: 'SEV1', opened: '2020-07-10T12:18:04.000Z', resolved: '2020-07-10T12:53:06.000Z', reopen_count: 0,
      });
      expect(await incident(db.connection, 'INC0000046')).toMatchObject({ status: 'open', severity: 'SEV3', resolved: null });
      expect(await incident(db.connection, 'INC0011005')).toMatchObject({ reopen_count: 1, resolved: '2024-03-05T08:45:00.000Z' });
      expect(await cursorOf(db.connection, 'itsm')).toBe('2024-03-08T09:00:00.000Z');
    } finally {
      db.close();
    }
  });

  it('an incremental pull queries sys_updated_on from the cursor minus the overlap and picks up only changed records', async () => {
    const db = await openDatabase(':memory:');
    try {
      await runSync(db, config(), ENV);
      fake.requests.length = 0;
      Object.assign(fake.records.find((record) => record.number === 'INC0011002')!, { reopen_count: '1', sys_mod_count: '8', sys_updated_on: '2024-03-10 10:00:00' });
      fake.records.push({ ...fake.records.at(-1)!, number: 'INC0011009', sys_id: `09${'ab'.repeat(15)}`, sys_updated_on: '2024-03-10 11:00:00' });
      const summary = await runSync(db, config(), ENV);
      expect(new URL(fake.requests[0]!).searchParams.get('sysparm_query')).toBe('sys_updated_on>=2024-03-08 08:50:00^ORDERBYsys_updated_on');
      // INC0011008 again (inside the overlap), INC0011002 changed, INC0011009 new.
      expect(summary).toMatchObject({ mode: 'incremental', records: 3, inserted: 1, updated: 1, unchanged: 1 });
      expect(await incident(db.connection, 'INC0011002')).toMatchObject({ reopen_count: 1 });
    } finally {
      db.close();
    }
  });

  it('reads v1\'s 404 "No Record found" as an empty result', async () => {
    const db = await openDatabase(':memory:');
    try {
      const summary = await runSync(db, config({ query: 'priority=9' }), ENV);
      expect(summary).toMatchObject({ pages: 1, records: 0 });
      expect(new URL(fake.requests[0]!).searchParams.get('sysparm_query')).toBe('priority=9^ORDERBYsys_updated_on');
      expect(await runsOf(db.connection)).toMatchObject([{ kind: 'sync', status: 'ok', rows_read: 0 }]);
    } finally {
      db.close();
    }
  });

  it('waits out a 429 for exactly its Retry-After, and retries a 500', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(1, { kind: 'server_error' }).at(3, { kind: 'rate_limit', seconds: 45 });
      const sleeper = recorder();
      const summary = await runSync(db, config(), ENV, sleeper);
      expect(sleeper.waits).toEqual([750, 45_000]);
      expect(summary).toMatchObject({ pages: 4, records: 10 });
    } finally {
      db.close();
    }
  });

  it('401 fails fast with one sentence naming the source and the variables', async () => {
    const db = await openDatabase(':memory:');
    try {
      await expect(runSync(db, config(), { ...ENV, SN_PASSWORD: 'nope' })).rejects.toThrow(
        'itsm: ServiceNow rejected the credentials in SN_USER / SN_PASSWORD (HTTP 401); check that the token is valid and may read this data.',
      );
      expect(fake.requests).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('a run cut off after page 2, then run again, leaves exactly the database of an uninterrupted run', async () => {
    const whole = await openDatabase(':memory:');
    const cut = await openDatabase(':memory:');
    try {
      await runSync(whole, config(), ENV);
      fake.faults.abortAfter(2);
      await expect(runSync(cut, config({ batch_size: 3 }), ENV)).rejects.toThrow(/^itsm: ServiceNow request to .* failed: no answer after 6 attempts/);
      expect(await count(cut)).toBe(6);
      fake.faults.clear();
      await runSync(cut, config(), ENV);
      expect(await fingerprint(cut.connection)).toBe(await fingerprint(whole.connection));
    } finally {
      whole.close();
      cut.close();
    }
  });

  it('a malformed page fails the run with vendor, URL and reason; nothing of its batch is written', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(2, { kind: 'malformed', body: '{"result": {"number": "INC0010041"}}' });
      await expect(runSync(db, config({ batch_size: 3 }), ENV)).rejects.toThrow(
        new RegExp(`^itsm: ServiceNow returned a malformed page from ${server.url}/api/now/table/incident\\?.*sysparm_offset=3.*: "result" is missing or not a list\\.$`),
      );
      expect(await count(db)).toBe(3);
    } finally {
      db.close();
    }
  });
});
