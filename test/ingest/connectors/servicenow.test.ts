/**
 * The ServiceNow connector against the fake Table API (test/fakes/servicenow.ts) over real HTTP
 * on 127.0.0.1, into a real DuckDB. Expected times are the sample records' own (test/fakes/records/servicenow.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../queries/db.ts';
import { generatedSysId, NETWORK, SERVICE_DESK, servicenowAudit, servicenowRecords } from '../../fakes/records/servicenow.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { createServiceNowFake } from '../../fakes/servicenow.ts';
import { cursorOf, fingerprint, incident, NOW, recorder, rows, runsOf, runSync, sourceFrom } from './harness.ts';

const ENV = { SN_USER: 'hindsight.sync', SN_PASSWORD: 'pa55-word' };
let fake: ReturnType<typeof createServiceNowFake>;
let server: RunningFake;

beforeAll(async () => {
  fake = createServiceNowFake([], { user: ENV.SN_USER, password: ENV.SN_PASSWORD, now: () => NOW.getTime() }, []);
  server = await startFake(fake.app);
});
afterAll(() => server.close());
beforeEach(() => {
  fake.records.splice(0, fake.records.length, ...servicenowRecords());
  fake.audit.splice(0, fake.audit.length, ...servicenowAudit());
  fake.faults.clear();
  fake.requests.length = 0;
  fake.hidden.clear();
});

const config = (extra: Record<string, unknown> = {}) =>
  sourceFrom({ name: 'itsm', type: 'servicenow', base_url: server.url, auth: { user_env: 'SN_USER', token_env: 'SN_PASSWORD' }, page_size: 3, ...extra });
const count = async (db: Awaited<ReturnType<typeof openDatabase>>) => (await rows(db.connection, 'SELECT count(*)::INTEGER AS n FROM incidents'))[0]!.n;
/** Each incident list request as `<its sys_updated_on bound, or start> +<offset>`. */
const requested = () => fake.requests.filter((url) => url.includes('/incident?')).map((url) => new URL(url).searchParams)
  .map((q) => `${/sys_updated_on>=([^^]*)/.exec(q.get('sysparm_query')!)?.[1] ?? 'start'} +${q.get('sysparm_offset')}`);

describe('servicenow connector', { timeout: 60_000 }, () => {
  it('full pull over several pages while the Link header says there are more, each from the last update time read, with the records\' own times', async () => {
    const db = await openDatabase(':memory:');
    try {
      const progress: Array<number | null> = [];
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: (event) => event.kind === 'page' && progress.push(event.total) });
      // Pages of 3: page 1, then 2 new records a page (each page starts with the last one read).
      expect(summary).toMatchObject({ mode: 'full', pages: 5, records: 10, inserted: 10 });
      expect(progress).toEqual([10, 10, 10, 10, 10]); // the first answer's X-Total-Count
      const first = new URL(fake.requests[0]!);
      expect(first.searchParams.get('sysparm_query')).toBe('ORDERBYsys_updated_on^ORDERBYsys_id');
      expect(first.searchParams.get('sysparm_display_value')).toBe('false');
      expect(requested()).toEqual(['start +0', '2024-03-01 09:00:00 +0', '2024-03-03 09:00:00 +0', '2024-03-05 09:00:00 +0', '2024-03-07 09:00:00 +0']);
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

  it('a page whose every record is hidden from the sync user (the limit applies before ACLs) is passed, not taken for the end', async () => {
    const db = await openDatabase(':memory:');
    try {
      // The first three in update order: INC0000046, INC0010041, INC0011001.
      for (const record of fake.records.slice().sort((a, b) => String(a.sys_updated_on).localeCompare(String(b.sys_updated_on))).slice(0, 3)) {
        fake.hidden.add(String(record.sys_id));
      }
      const summary = await runSync(db, config(), ENV, recorder());
      expect(summary).toMatchObject({ mode: 'full', records: 7, inserted: 7 });
      expect((await rows(db.connection, 'SELECT external_id FROM incidents ORDER BY 1')).map((row) => row.external_id)).toEqual(
        ['INC0011002', 'INC0011003', 'INC0011004', 'INC0011005', 'INC0011006', 'INC0011007', 'INC0011008'],
      );
      // Page 1 empty, then on past its three places; then from the last update time read.
      expect(requested().slice(0, 3)).toEqual(['start +0', 'start +3', '2024-03-04 09:00:00 +0']);
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
      expect(new URL(fake.requests[0]!).searchParams.get('sysparm_query')).toBe('sys_updated_on>=2024-03-08 08:50:00^ORDERBYsys_updated_on^ORDERBYsys_id');
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
      expect(new URL(fake.requests[0]!).searchParams.get('sysparm_query')).toBe('priority=9^ORDERBYsys_updated_on^ORDERBYsys_id');
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
      expect(summary).toMatchObject({ pages: 5, records: 10 });
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
      await expect(runSync(cut, config({ batch_size: 2 }), ENV)).rejects.toThrow(/^itsm: ServiceNow request to .* failed: no answer after 6 attempts/);
      // Page 1: 3 records; page 2: 2 more (its first, INC0011001, was read on page 1).
      expect(await count(cut)).toBe(5);
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
        new RegExp(`^itsm: ServiceNow returned a malformed page from ${server.url}/api/now/table/incident\\?sysparm_query=sys_updated_on%3E%3D2024-03-01\\+09%3A00%3A00.*: "result" is missing or not a list\\.$`),
      );
      expect(await count(db)).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe('servicenow connector: DuckDB settings during a sync', { timeout: 60_000 }, () => {
  const settings = async (db: Awaited<ReturnType<typeof openDatabase>>) => (await rows(db.connection,
    "SELECT current_setting('threads') || ' threads, ' || current_setting('checkpoint_threshold') AS s"))[0]!.s;

  it('one thread and a 128 MiB checkpoint threshold, put back afterwards, success or failure', async () => {
    const db = await openDatabase(':memory:');
    try {
      await db.connection.run("SET threads = 3; SET checkpoint_threshold = '8MiB'");
      const inside: unknown[] = [];
      const fetching: typeof fetch = async (input, init) => {
        inside.push(await settings(db));
        return fetch(input, init);
      };
      await runSync(db, config({ batch_size: 3 }), ENV, recorder(), { http: { fetch: fetching } });
      expect(new Set(inside)).toEqual(new Set(['1 threads, 128.0 MiB']));
      expect(await settings(db)).toBe('3 threads, 8.0 MiB');
      fake.faults.at(2, { kind: 'malformed', body: '{"result": {"number": "INC0010041"}}' });
      await expect(runSync(db, config({ batch_size: 3 }), ENV, recorder(), { full: true })).rejects.toThrow(/malformed page/);
      expect(await settings(db)).toBe('3 threads, 8.0 MiB');
      await runSync(db, config(), ENV, recorder(), { full: true, threads: null, checkpointThreshold: null, http: { fetch: fetching } });
      expect(inside.at(-1)).toBe('3 threads, 8.0 MiB');
      // Never raised (threads) nor lowered (threshold) against the operator's own choice.
      await db.connection.run("SET threads = 1; SET checkpoint_threshold = '1GiB'");
      await runSync(db, config(), ENV, recorder(), { full: true, http: { fetch: fetching } });
      expect(inside.at(-1)).toBe('1 threads, 1.0 GiB');
    } finally {
      db.close();
    }
  });
});

describe('servicenow connector, timeline: sys_audit', { timeout: 60_000 }, () => {
  const audited = (extra: Record<string, unknown> = {}) => config({ timeline: 'sys_audit', ...extra });
  const USER_ID = '6816f79cc0a8016401c5a33be04be441';
  const auditQueries = () => fake.requests.filter((url) => url.includes('/sys_audit')).map((url) => new URL(url).searchParams);
  const timeline = async (db: Awaited<ReturnType<typeof openDatabase>>, id: string) => (await rows(db.connection, `
    SELECT strftime(occurred_at, '%H:%M') || ' ' || kind || ' ' || coalesce(from_value, '∅') || ' → ' || coalesce(to_value, '∅')
           || coalesce(' [' || body || ']', '') || coalesce(' by ' || actor, '') AS e
    FROM incident_events WHERE external_id = '${id}' ORDER BY occurred_at, kind, ordinal`)).map((row) => row.e);

  it('turns the audit history into status changes, the acknowledgement, reassignments and escalations', async () => {
    const db = await openDatabase(':memory:');
    try {
      const summary = await runSync(db, audited(), ENV);
      expect(summary).toMatchObject({ mode: 'full', pages: 5, records: 10, inserted: 10 });
      // Per page, the history of the incidents it hands on, 3 entries a request: 7 entries of
      // INC0011001 (page 1: 3 requests), none for INC0011002–03 (page 2: v1's 404), 5 of INC0011005
      // (page 3, with INC0011004: 2), none for pages 4 and 5.
      const queries = auditQueries();
      expect(queries.map((q) => q.get('sysparm_offset'))).toEqual(['0', '3', '6', '0', '0', '3', '0', '0']);
      expect(queries[0]!.get('sysparm_query')).toBe(
        `tablename=incident^documentkeyINa9e30c7dc61122760116894de7bcc7bd,f562fd272f351010f170c886f699b669,${generatedSysId(1)}^fieldnameINstate,assignment_group,assigned_to,priority^ORDERBYsys_created_on`,
      );
      expect(queries[0]!.get('sysparm_fields')).toBe('documentkey,fieldname,oldvalue,newvalue,sys_created_on,user,record_checkpoint');
      expect(await timeline(db, 'INC0011001')).toEqual([
        `08:02 reassigned ∅ → ${SERVICE_DESK} [assignment_group] by system`,
        `08:05 reassigned ∅ → ${USER_ID} [assigned_to] by david.miller`,
        '08:10 acknowledged New → In Progress by beth.anglin',
        '08:10 status New → In Progress by beth.anglin',
        '08:20 escalated 3 - Moderate → 2 - High [priority] by beth.anglin',
        `08:20 reassigned ${SERVICE_DESK} → ${NETWORK} [assignment_group] by beth.anglin`,
        '08:45 resolved In Progress → Resolved by beth.anglin',
        '08:45 status In Progress → Resolved by beth.anglin',
        '09:00 status Resolved → Closed by system',
      ]);
      expect(await incident(db.connection, 'INC0011001')).toMatchObject({
        status: 'closed', opened: '2024-03-01T08:00:00.000Z', acknowledged: '2024-03-01T08:10:00.000Z', resolved: '2024-03-01T08:45:00.000Z',
        escalation_count: 1, reassignment_count: 1, reopen_count: 0,
      });
      expect(await timeline(db, 'INC0011005')).toEqual([
        '08:15 acknowledged New → In Progress by beth.anglin', '08:15 status New → In Progress by beth.anglin',
        '08:20 resolved In Progress → Resolved by beth.anglin', '08:20 status In Progress → Resolved by beth.anglin',
        '08:30 reopened Resolved → In Progress by abel.tuter', '08:30 status Resolved → In Progress by abel.tuter',
        '08:45 resolved In Progress → Resolved by beth.anglin', '08:45 status In Progress → Resolved by beth.anglin',
        '09:00 status Resolved → Closed by system',
      ]);
      // The final resolution counts; the reopening is the record's own count.
      expect(await incident(db.connection, 'INC0011005')).toMatchObject({ acknowledged: '2024-03-05T08:15:00.000Z', resolved: '2024-03-05T08:45:00.000Z', reopen_count: 1, escalation_count: 0 });
      // No audit entries: no timeline, no acknowledgement — as without `timeline`.
      expect(await timeline(db, 'INC0011002')).toEqual([]);
      expect(await incident(db.connection, 'INC0011002')).toMatchObject({ acknowledged: null, resolved: '2024-03-02T08:45:00.000Z', escalation_count: 0 });
      expect(summary.events).toBe(18);
    } finally {
      db.close();
    }
  });

  it('a second run changes nothing; an incremental run reads the history of the changed incidents only', async () => {
    const db = await openDatabase(':memory:');
    try {
      await runSync(db, audited(), ENV);
      const before = await fingerprint(db.connection);
      expect(await runSync(db, audited(), ENV, recorder(), { full: true })).toMatchObject({ records: 10, inserted: 0, updated: 0, unchanged: 10 });
      expect(await fingerprint(db.connection)).toBe(before);

      fake.requests.length = 0;
      Object.assign(fake.records.find((record) => record.number === 'INC0011002')!, {
        assignment_group: { link: `https://dev92294.service-now.com/api/now/v1/table/sys_user_group/${NETWORK}`, value: NETWORK }, sys_updated_on: '2024-03-10 10:00:00',
      });
      fake.audit.push({ ...fake.audit[0]!, sys_id: 'b'.repeat(32), documentkey: generatedSysId(2), oldvalue: '', newvalue: NETWORK, user: 'problem.manager', record_checkpoint: '6', sys_created_on: '2024-03-10 10:00:00' });
      const summary = await runSync(db, audited(), ENV);
      expect(summary).toMatchObject({ mode: 'incremental', records: 2, updated: 1, unchanged: 1 });
      // INC0011008 (inside the overlap) and INC0011002 (changed), in update order.
      expect(auditQueries().map((q) => q.get('sysparm_query')!.split('^')[1])).toEqual([`documentkeyIN${generatedSysId(8)},${generatedSysId(2)}`]);
      expect(await timeline(db, 'INC0011002')).toEqual([`10:00 reassigned ∅ → ${NETWORK} [assignment_group] by problem.manager`]);
      expect(await timeline(db, 'INC0011001')).toHaveLength(9);
    } finally {
      db.close();
    }
  });

  it('a run cut off after page 2, then run again, leaves exactly the database of an uninterrupted run', async () => {
    const whole = await openDatabase(':memory:');
    const cut = await openDatabase(':memory:');
    try {
      await runSync(whole, audited(), ENV);
      fake.faults.abortAfter(2);
      await expect(runSync(cut, audited({ batch_size: 2 }), ENV)).rejects.toThrow(/^itsm: ServiceNow request to .*\/incident\?.* failed: no answer after 6 attempts/);
      expect(await count(cut)).toBe(5);
      fake.faults.clear();
      await runSync(cut, audited(), ENV);
      expect(await fingerprint(cut.connection)).toBe(await fingerprint(whole.connection));
    } finally {
      whole.close();
      cut.close();
    }
  });

  it('a malformed audit entry fails the run with vendor, URL and reason; nothing of its batch is written', async () => {
    const db = await openDatabase(':memory:');
    try {
      // Text order puts it last of INC0011001's 7 entries: the third audit page, first item.
      fake.audit[0]!.sys_created_on = 'yesterday';
      await expect(runSync(db, audited({ batch_size: 3 }), ENV)).rejects.toThrow(
        new RegExp(`^itsm: ServiceNow returned a malformed page from ${server.url}/api/now/table/sys_audit\\?.*sysparm_offset=6.*: audit entry result\\[0\\] has an unreadable sys_created_on "yesterday"\\.$`),
      );
      expect(await count(db)).toBe(0);
      expect(await runsOf(db.connection)).toMatchObject([{ status: 'failed' }]);
    } finally {
      db.close();
    }
  });
});

describe('servicenow connector: records updated while the sync pages', { timeout: 60_000 }, () => {
  const handedOn = () => {
    const records: number[] = [];
    return { records, onProgress: (event: { kind: string; records?: number }) => void (event.kind === 'page' && records.push(event.records!)) };
  };

  it('a record edited after page 1 is read again in its new state, and the record behind it is not skipped', async () => {
    const db = await openDatabase(':memory:');
    try {
      // Pages of 3 in update order: INC0000046, INC0010041, INC0011001 | INC0011002, … INC0011008.
      // Once page 1 is read, INC0010041 is edited and moves to the end. Offset paging would ask
      // for places 3–5 of the new order (INC0011003–05): INC0011002 slid onto page 1's places.
      fake.faults.changeAfter(1, () => Object.assign(fake.records.find((record) => record.number === 'INC0010041')!, {
        short_description: 'sdf (edited mid-sync)', priority: '2', sys_mod_count: '11', sys_updated_on: '2024-03-10 10:00:00',
      }));
      const progress = handedOn();
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: progress.onProgress });
      expect(await rows(db.connection, 'SELECT count(*)::INTEGER AS n, count(DISTINCT external_id)::INTEGER AS ids FROM incidents')).toEqual([{ n: 10, ids: 10 }]);
      expect(await incident(db.connection, 'INC0011002')).toMatchObject({ status: 'closed', resolved: '2024-03-02T08:45:00.000Z' });
      expect(await rows(db.connection, "SELECT title, severity FROM incidents WHERE external_id = 'INC0010041'")).toEqual([{ title: 'sdf (edited mid-sync)', severity: 'SEV2' }]);
      expect(await cursorOf(db.connection, 'itsm')).toBe('2024-03-10T10:00:00.000Z');
      // Handed on: 3 + 2 + 2 + 2 + 2 = the 10 records once, and INC0010041 again in its new state.
      expect(progress.records.at(-1)).toBe(11);
      expect(summary).toMatchObject({ pages: 5, records: 10, inserted: 10 });
      // Each request starts at the last update time read; the one record read at that time is dropped.
      expect(requested()).toEqual(['start +0', '2024-03-01 09:00:00 +0', '2024-03-03 09:00:00 +0', '2024-03-05 09:00:00 +0', '2024-03-07 09:00:00 +0']);
      expect(new URL(fake.requests[1]!).searchParams.get('sysparm_query')).toBe('sys_updated_on>=2024-03-01 09:00:00^ORDERBYsys_updated_on^ORDERBYsys_id');
    } finally {
      db.close();
    }
  });

  it('more records at one update time than a page holds: paged by offset inside that time, every one stored, the run ends', async () => {
    const db = await openDatabase(':memory:');
    try {
      // INC0011001–08 all updated at 2024-03-09 09:00:00 (a bulk update), in pages of 3.
      for (const record of fake.records) if (String(record.number).startsWith('INC00110')) record.sys_updated_on = '2024-03-09 09:00:00';
      fake.faults.abortAfter(10); // a run that never ended would be cut here and fail
      const progress = handedOn();
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: progress.onProgress });
      expect(await count(db)).toBe(10);
      expect(summary).toMatchObject({ pages: 4, records: 10, inserted: 10 });
      expect(await cursorOf(db.connection, 'itsm')).toBe('2024-03-09T09:00:00.000Z');
      // Page 1 ends with INC0011001; page 2 (offset 0) re-reads it, then INC0011002–03; with 3 read
      // at that time, the rest come by offset (ties in sys_id order): INC0011004–06, INC0011007–08.
      expect(requested()).toEqual(['start +0', '2024-03-09 09:00:00 +0', '2024-03-09 09:00:00 +3', '2024-03-09 09:00:00 +6']);
      expect(progress.records).toEqual([3, 5, 8, 10]);
    } finally {
      db.close();
    }
  });

  it('progress counts against the first page\'s X-Total-Count, not the smaller counts of later requests', async () => {
    const db = await openDatabase(':memory:');
    try {
      const totals: Array<number | null> = [];
      await runSync(db, config(), ENV, recorder(), { onProgress: (event) => event.kind === 'page' && totals.push(event.total) });
      expect(totals).toEqual([10, 10, 10, 10, 10]);
    } finally {
      db.close();
    }
  });
});
