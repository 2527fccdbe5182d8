/**
 * The GitHub connector against the fake REST API (test/fakes/github.ts) over real HTTP on
 * 127.0.0.1, into a real DuckDB. Expected times are the timelines' own
 * (fixtures/samples/github/incident-issues.json).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../queries/db.ts';
import { GH_REPO, GH_REPOSITORY_ID, githubData } from '../../fakes/records/github.ts';
import { createGitHubFake } from '../../fakes/github.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { cursorOf, fingerprint, incident, NOW, recorder, rows, runSync, sourceFrom } from './harness.ts';

const ENV = { GH_TOKEN: 'ghp_fakefakefakefakefakefakefakefake0000' };
let fake: ReturnType<typeof createGitHubFake>;
let server: RunningFake;

beforeAll(async () => {
  fake = createGitHubFake([], new Map(), { repo: GH_REPO, repositoryId: GH_REPOSITORY_ID, token: ENV.GH_TOKEN, now: () => NOW.getTime() });
  server = await startFake(fake.app);
});
afterAll(() => server.close());
beforeEach(() => {
  const data = githubData();
  fake.issues.splice(0, fake.issues.length, ...data.issues);
  fake.timelines.clear();
  for (const [number, events] of data.timelines) fake.timelines.set(number, events);
  fake.faults.clear();
  fake.requests.length = 0;
});

const config = (extra: Record<string, unknown> = {}) =>
  sourceFrom({ name: 'gh', type: 'github', base_url: server.url, auth: { token_env: 'GH_TOKEN' }, repo: GH_REPO, page_size: 3, ...extra });
const id = (number: number) => `${GH_REPO}#${number}`;
const count = async (db: Awaited<ReturnType<typeof openDatabase>>) => (await rows(db.connection, 'SELECT count(*)::INTEGER AS n FROM incidents'))[0]!.n;
const lists = () => fake.requests.filter((url) => /\/issues\?/.test(url)).map((url) => new URL(url));

describe('github connector', { timeout: 60_000 }, () => {
  it('full pull: labelled issues over several pages while Link says there are more, each from the last update time read, pull requests dropped, times from the timelines', async () => {
    const db = await openDatabase(':memory:');
    try {
      const summary = await runSync(db, config(), ENV);
      // 12 labelled items (the 13 recorded issues have no label) in pages of 3; #18 is a pull
      // request. Page 1, then 2 new items a page (each page starts with the last one read).
      expect(summary).toMatchObject({ mode: 'full', pages: 6, records: 11, inserted: 11 });
      const [first, ...rest] = lists();
      expect(first!.pathname).toBe(`/repos/${GH_REPO}/issues`);
      expect(Object.fromEntries(first!.searchParams)).toEqual({ state: 'all', labels: 'incident', sort: 'updated', direction: 'asc', per_page: '3' });
      // since = the updated_at of #16, #18, #20, #22, #24; always page 1 (no `page`).
      expect(rest.map((url) => `${url.pathname} since ${url.searchParams.get('since')} page ${url.searchParams.get('page')}`)).toEqual(
        ['2022-07-22T08:00:05Z', '2022-07-23T13:30:00Z', '2022-08-01T11:00:05Z', '2022-08-03T11:00:05Z', '2022-08-05T11:00:05Z']
          .map((since) => `/repos/${GH_REPO}/issues since ${since} page null`),
      );
      expect(fake.requests.some((url) => url.includes('/issues/18/timeline'))).toBe(false);
      expect(await count(db)).toBe(11);
      // #14: created 09:00, declared (labelled incident) 09:05, assigned 09:12, closed 10:00, reopened, closed 11:15.
      expect(await incident(db.connection, id(14))).toMatchObject({
        opened: '2022-07-20T09:05:00.000Z', acknowledged: '2022-07-20T09:12:00.000Z', resolved: '2022-07-20T11:15:00.000Z',
        reopen_count: 1, severity: 'SEV1', status: 'closed',
      });
      const [detected] = await rows(db.connection, `SELECT strftime(detected_at, '%H:%M') AS at, service FROM incidents WHERE external_id = '${id(14)}'`);
      expect(detected).toEqual({ at: '09:00', service: 'checkout' });
      // #15: the author's own comment is no acknowledgement; the first other person's is (14:20).
      expect(await incident(db.connection, id(15))).toMatchObject({ acknowledged: '2022-07-21T14:20:00.000Z', resolved: '2022-07-21T16:30:00.000Z', reassignment_count: 1, severity: 'SEV2' });
      // #19 was already assigned when declared: acknowledged at the declaration.
      expect(await incident(db.connection, id(19))).toMatchObject({ opened: '2022-07-24T09:30:00.000Z', acknowledged: '2022-07-24T09:30:00.000Z' });
      expect(await incident(db.connection, id(17))).toMatchObject({ status: 'canceled', resolved: null });
      expect(await incident(db.connection, id(16))).toMatchObject({ status: 'open', severity: 'SEV3', acknowledged: null });
      expect(await cursorOf(db.connection, 'gh')).toBe('2022-08-06T11:00:05.000Z');
    } finally {
      db.close();
    }
  });

  it('an incremental pull asks since the cursor minus the overlap and picks up only changed issues', async () => {
    const db = await openDatabase(':memory:');
    try {
      await runSync(db, config(), ENV);
      fake.requests.length = 0;
      const open = fake.issues.find((issue) => issue.number === 16)!;
      Object.assign(open, { state: 'closed', state_reason: 'completed', closed_at: '2022-08-10T09:00:00Z', updated_at: '2022-08-10T09:00:05Z' });
      fake.timelines.get(16)!.push({ id: 7199999999, event: 'closed', actor: { login: 'octokit-fixture-user-b' }, created_at: '2022-08-10T09:00:00Z', state_reason: 'completed' });
      const summary = await runSync(db, config(), ENV);
      expect(lists()[0]!.searchParams.get('since')).toBe('2022-08-06T10:50:05Z');
      // #25 again (inside the overlap, unchanged) and #16, now closed.
      expect(summary).toMatchObject({ mode: 'incremental', records: 2, updated: 1, unchanged: 1 });
      expect(await incident(db.connection, id(16))).toMatchObject({ status: 'closed', resolved: '2022-08-10T09:00:00.000Z' });
    } finally {
      db.close();
    }
  });

  it('waits as GitHub says: the reset time of a spent budget, Retry-After of a secondary limit or a 429; backs off after a 500', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults
        .at(1, { kind: 'server_error' })
        .at(3, { kind: 'rate_limit', variant: 'primary', seconds: 120 })
        .at(5, { kind: 'rate_limit', variant: 'secondary', seconds: 60 })
        .at(7, { kind: 'rate_limit', variant: '429', seconds: 5 });
      const sleeper = recorder();
      const summary = await runSync(db, config(), ENV, sleeper);
      expect(sleeper.waits).toEqual([750, 120_000, 60_000, 5_000]);
      expect(summary).toMatchObject({ pages: 6, records: 11 });
    } finally {
      db.close();
    }
  });

  it('401 fails fast with one sentence naming the source and the variable', async () => {
    const db = await openDatabase(':memory:');
    try {
      await expect(runSync(db, config(), { GH_TOKEN: 'ghp_expired' })).rejects.toThrow(
        'gh: GitHub rejected the credentials in GH_TOKEN (HTTP 401); check that the token is valid and may read this data.',
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
      await expect(runSync(cut, config({ batch_size: 1 }), ENV)).rejects.toThrow(/^gh: GitHub request to .* failed: no answer after 6 attempts/);
      // Page 1: #14–#16; page 2: #17 (#16 was read on page 1; the pull request #18 is dropped).
      expect(await count(cut)).toBe(4);
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
      fake.faults.at(2, { kind: 'malformed', body: '{"message": "Server Error"}' });
      await expect(runSync(db, config({ batch_size: 3 }), ENV)).rejects.toThrow(
        new RegExp(`^gh: GitHub returned a malformed page from ${server.url}/repos/${GH_REPO}/issues\\?.*since=2022-07-22T08%3A00%3A05Z: expected a list of issues\\.$`),
      );
      expect(await count(db)).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe('github connector: issues updated while the sync pages', { timeout: 60_000 }, () => {
  const requested = () => lists().map((url) => `${url.searchParams.get('since') ?? 'start'} p${url.searchParams.get('page') ?? 1}`);
  const handedOn = () => {
    const records: number[] = [];
    return { records, onProgress: (event: { kind: string; records?: number }) => void (event.kind === 'page' && records.push(event.records!)) };
  };
  const titleOf = async (db: Awaited<ReturnType<typeof openDatabase>>, number: number) =>
    (await rows(db.connection, `SELECT title FROM incidents WHERE external_id = '${id(number)}'`))[0]?.title;

  it('an issue edited after page 1 is read again in its new state, and the issue behind it is not skipped', async () => {
    const db = await openDatabase(':memory:');
    try {
      // Pages of 3 in update order: #14, #15, #16 | #17, #18 (pull request), #19 | #20 … #25.
      // Once page 1 is read, #15 is edited and moves to the end. Page paging would ask for
      // places 3–5 of the new order (#18, #19, #20): #17 slid onto page 1's places.
      fake.faults.changeAfter(1, () => Object.assign(fake.issues.find((issue) => issue.number === 15)!, {
        title: 'Search latency above 2 s (edited mid-sync)', updated_at: '2022-08-10T09:00:00Z',
      }));
      const progress = handedOn();
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: progress.onProgress });
      expect(await rows(db.connection, 'SELECT count(*)::INTEGER AS n, count(DISTINCT external_id)::INTEGER AS ids FROM incidents')).toEqual([{ n: 11, ids: 11 }]);
      expect(await incident(db.connection, id(17))).toMatchObject({ status: 'canceled' });
      expect(await titleOf(db, 15)).toBe('Search latency above 2 s (edited mid-sync)');
      expect(await cursorOf(db.connection, 'gh')).toBe('2022-08-10T09:00:00.000Z');
      // Handed on: 3 + 1 (#17; #16 read, #18 a pull request) + 2 + 2 + 2 + 2 = the 11 issues once, and #15 again.
      expect(progress.records).toEqual([3, 4, 6, 8, 10, 12]);
      expect(summary).toMatchObject({ pages: 6, records: 11, inserted: 11 });
      // Each request starts at the last update time read (#16, #18, #20, #22, #24), on page 1.
      expect(requested()).toEqual(['start p1', '2022-07-22T08:00:05Z p1', '2022-07-23T13:30:00Z p1', '2022-08-01T11:00:05Z p1', '2022-08-03T11:00:05Z p1', '2022-08-05T11:00:05Z p1']);
      expect(lists().every((url) => url.pathname === `/repos/${GH_REPO}/issues`)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('more issues at one update time than a page holds: paged by page inside that second, every one stored, the run ends', async () => {
    const db = await openDatabase(':memory:');
    try {
      // #20–#25 all updated at 2022-08-05T12:00:00Z (a bulk relabel), in pages of 3; ties come in number order.
      for (const issue of fake.issues) if (issue.number >= 20) issue.updated_at = '2022-08-05T12:00:00Z';
      fake.faults.abortAfter(10); // a run that never ended would be cut here and fail
      const progress = handedOn();
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: progress.onProgress });
      expect(await count(db)).toBe(11);
      expect(summary).toMatchObject({ pages: 5, records: 11, inserted: 11 });
      expect(await cursorOf(db.connection, 'gh')).toBe('2022-08-05T12:00:00.000Z');
      // Page 3 ends with #20; page 4 (page 1 of that second) re-reads it, then #21, #22; with 3
      // read at that second, the rest come from its page 2: #23–#25.
      expect(requested()).toEqual(['start p1', '2022-07-22T08:00:05Z p1', '2022-07-23T13:30:00Z p1', '2022-08-05T12:00:00Z p1', '2022-08-05T12:00:00Z p2']);
      expect(progress.records).toEqual([3, 4, 6, 8, 11]);
    } finally {
      db.close();
    }
  });
});
