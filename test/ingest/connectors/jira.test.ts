/**
 * The Jira connector against the fake Jira (test/fakes/jira.ts) over real HTTP on 127.0.0.1,
 * into a real DuckDB. Expected times are the ones the sample payloads state (test/fakes/records/jira.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../queries/db.ts';
import { jiraIssues, JIRA_NAMES } from '../../fakes/records/jira.ts';
import { createJiraFake, type JiraIssue } from '../../fakes/jira.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { cursorOf, fingerprint, incident, NOW, recorder, rows, runsOf, runSync, sourceFrom } from './harness.ts';

const ENV = { JIRA_USER: 'sync@acme.example', JIRA_TOKEN: 'secret-token-1' };
let fake: ReturnType<typeof createJiraFake>;
let server: RunningFake;

beforeAll(async () => {
  fake = createJiraFake([], { email: ENV.JIRA_USER, token: ENV.JIRA_TOKEN, pageCap: 4, changelogCap: 3, names: JIRA_NAMES, now: () => NOW.getTime() });
  server = await startFake(fake.app);
});
afterAll(() => server.close());
beforeEach(() => {
  fake.issues.splice(0, fake.issues.length, ...jiraIssues());
  fake.faults.clear();
  fake.requests.length = 0;
});

const config = (extra: Record<string, unknown> = {}) =>
  sourceFrom({
    name: 'ops-jira', type: 'jira', base_url: server.url, auth: { user_env: 'JIRA_USER', token_env: 'JIRA_TOKEN' },
    jql: 'project = INC', page_size: 5, ...extra,
  });

describe('jira connector', { timeout: 60_000 }, () => {
  it('full pull over several pages: statuses, acknowledgements, resolutions and reopenings as the changelogs say', async () => {
    const db = await openDatabase(':memory:');
    try {
      const summary = await runSync(db, config({ fields: ['customfield_10050'] }), ENV);
      // 17 issues, at most 4 per page although 5 were asked for; each request after the first is a
      // new query from the minute of the last issue read, which it returns again (dropped): 4 + 3 + 3 + 3 + 3 + 1.
      expect(summary).toMatchObject({ mode: 'full', pages: 6, records: 17, inserted: 17, batches: 1 });
      const search = fake.requests.filter((url) => url.includes('/search/jql'));
      expect(new URL(search[0]!).searchParams.get('jql')).toBe('(project = INC) ORDER BY updated ASC');
      expect(new URL(search[0]!).searchParams.get('fields')).toContain('resolutiondate');
      expect(search.slice(1).map((url) => new URL(url).searchParams.get('jql'))).toEqual(
        ['2024-04-03 10:00', '2024-04-06 10:00', '2024-04-09 10:00', '2024-05-08 10:05', '2024-05-12 09:00'].map((minute) => `(project = INC) AND updated >= "${minute}" ORDER BY updated ASC`),
      );
      expect(search.some((url) => new URL(url).searchParams.has('nextPageToken'))).toBe(false);
      // INC-205: the REAL PD-4 transitions (+0700): In Progress at 18:12:30.209, Done at 18:12:49.010.
      expect(await incident(db.connection, 'INC-205')).toMatchObject({
        opened: '2022-06-16T11:20:00.000Z', acknowledged: '2022-06-20T11:12:30.209Z', resolved: '2022-06-20T11:12:49.010Z', reopen_count: 0,
      });
      // INC-202: acknowledged at the first move to work (14:03 +0700), resolved, reopened at 18:30, resolved again 10:00 next day.
      expect(await incident(db.connection, 'INC-202')).toMatchObject({
        acknowledged: '2024-05-07T07:03:00.000Z', resolved: '2024-05-08T03:00:00.000Z', reopen_count: 1, reassignment_count: 2,
      });
      // INC-110's changelog (6 entries) is cut to 3 by expand=changelog and completed per issue.
      expect(fake.requests.some((url) => url.includes('/issue/INC-110/changelog'))).toBe(true);
      expect(await incident(db.connection, 'INC-110')).toMatchObject({ resolved: '2024-04-10T05:00:00.000Z', reopen_count: 2, quality_flags: [] });
      // The configured extra field is asked for, and found as "Severity" by its name (expand=names):
      // Sev-1 although the priority is Medium.
      expect(new URL(search[0]!).searchParams.get('fields')!.split(',')).toContain('customfield_10050');
      expect(await incident(db.connection, 'INC-203')).toMatchObject({ severity: 'SEV1' });
      // INC-207's status has no category and no alias: stored as it is, flagged.
      expect(await incident(db.connection, 'INC-207')).toMatchObject({ quality_flags: ['unknown_status'] });
      expect(await cursorOf(db.connection, 'ops-jira')).toBe('2024-05-13T05:00:00.000Z');
      expect(await runsOf(db.connection)).toEqual([
        { kind: 'sync', source: 'ops-jira', profile: 'jira', status: 'ok', rows_read: 17, inserted: 17, updated: 0, unchanged: 0, error: null },
      ]);
    } finally {
      db.close();
    }
  });

  it('an incremental pull asks from the cursor minus the overlap, in the user zone, and picks up only changed issues', async () => {
    const db = await openDatabase(':memory:');
    try {
      await runSync(db, config(), ENV);
      fake.requests.length = 0;
      resolveInc203(fake.issues);
      const summary = await runSync(db, config(), ENV);
      const [search] = fake.requests.filter((url) => url.includes('/search/jql'));
      // Cursor 2024-05-13T05:00Z (INC-207) − 10 min overlap = 11:50 in Asia/Bangkok.
      expect(new URL(search!).searchParams.get('jql')).toBe('(project = INC) AND updated >= "2024-05-13 11:50" ORDER BY updated ASC');
      // INC-207 again (inside the overlap, unchanged) and INC-203, now resolved.
      expect(summary).toMatchObject({ mode: 'incremental', records: 2, inserted: 0, updated: 1, unchanged: 1 });
      expect(await incident(db.connection, 'INC-203')).toMatchObject({ status: 'resolved', resolved: '2024-05-14T02:00:00.000Z' });
      expect(await cursorOf(db.connection, 'ops-jira')).toBe('2024-05-14T02:00:00.000Z');
    } finally {
      db.close();
    }
  });

  it('waits out a 429 for exactly its Retry-After, and retries a 500', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(2, { kind: 'rate_limit', seconds: 30 }).at(3, { kind: 'server_error' });
      const sleeper = recorder();
      const summary = await runSync(db, config(), ENV, sleeper);
      // 30 s as asked; then the first backoff step (1 s with equal jitter at 0.5 → 750 ms).
      expect(sleeper.waits).toEqual([30_000, 750]);
      expect(summary).toMatchObject({ pages: 6, records: 17, waits: 2, waitedMs: 30_750 });
    } finally {
      db.close();
    }
  });

  it('401 fails fast with one sentence naming the source and the variables', async () => {
    const db = await openDatabase(':memory:');
    try {
      const run = runSync(db, config(), { ...ENV, JIRA_TOKEN: 'wrong' });
      await expect(run).rejects.toThrow(
        'ops-jira: Jira rejected the credentials in JIRA_USER / JIRA_TOKEN (HTTP 401); check that the token is valid and may read this data.',
      );
      expect(fake.requests).toHaveLength(1);
      const [failed] = await runsOf(db.connection);
      expect(failed).toMatchObject({ kind: 'sync', status: 'failed' });
      expect(String(failed!.error)).not.toContain('wrong');
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
      // One page per batch: pages 1 and 2 (4 issues, then 3 new ones) are committed before the connection dies.
      await expect(runSync(cut, config({ batch_size: 3 }), ENV)).rejects.toThrow(/ops-jira: Jira request to .* failed: no answer after 6 attempts/);
      expect((await rows(cut.connection, 'SELECT count(*)::INTEGER AS n FROM incidents'))[0]!.n).toBe(7);
      fake.faults.clear();
      // Batching differs from the whole run's (one batch there): the result may not depend on it.
      const resumed = await runSync(cut, config(), ENV);
      expect(resumed.mode).toBe('incremental');
      expect(await fingerprint(cut.connection)).toBe(await fingerprint(whole.connection));
    } finally {
      whole.close();
      cut.close();
    }
  });

  it('a malformed page fails the run with vendor, URL and reason; nothing of its batch is written', async () => {
    const db = await openDatabase(':memory:');
    try {
      fake.faults.at(2, { kind: 'malformed' });
      await expect(runSync(db, config({ batch_size: 4 }), ENV)).rejects.toThrow(
        new RegExp(`^ops-jira: Jira returned a malformed page from ${server.url}/rest/api/3/search/jql\\?jql=.*: not JSON \\(`),
      );
      // Page 1's batch stands with its cursor; page 2 left no trace.
      expect((await rows(db.connection, 'SELECT count(*)::INTEGER AS n FROM incidents'))[0]!.n).toBe(4);
      // Page 1 (oldest updates first): INC-205 (2022), INC-101…INC-103; the cursor is INC-103's update.
      expect(await cursorOf(db.connection, 'ops-jira')).toBe('2024-04-03T03:00:00.000Z');
    } finally {
      db.close();
    }
  });
});

describe('jira connector: issues updated while the sync pages', { timeout: 60_000 }, () => {
  /** Records handed on so far, after each page (the sync's progress events). */
  const handedOn = () => {
    const records: number[] = [];
    return { records, onProgress: (event: { kind: string; records?: number }) => void (event.kind === 'page' && records.push(event.records!)) };
  };
  /** Each search request as its JQL bound (`start`: none), `+token` when it follows a nextPageToken. */
  const searched = () => fake.requests.filter((url) => url.includes('/search/jql')).map((url) => {
    const params = new URL(url).searchParams;
    const bound = /updated >= "([^"]+)"/.exec(params.get('jql') ?? '')?.[1] ?? 'start';
    return params.has('nextPageToken') ? `${bound} +token` : bound;
  });

  it('an issue edited after page 1 is read again in its new state, and the issue behind it is not skipped', async () => {
    const db = await openDatabase(':memory:');
    try {
      // Pages of 4 in update order: INC-205, INC-101, INC-102, INC-103 | INC-104, … Once page 1 is
      // read, INC-102 is edited and moves to the end. A nextPageToken that is an offset into the
      // query evaluated again (the fake's) would then give places 4–7 of the new order, INC-105…108:
      // INC-104 slid onto page 1's places, and the cursor would pass it.
      fake.faults.changeAfter(1, () => editInc102(fake.issues));
      fake.faults.abortAfter(12); // a run that never ended would be cut here and fail
      const progress = handedOn();
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: progress.onProgress });
      expect(await rows(db.connection, 'SELECT count(*)::INTEGER AS n, count(DISTINCT external_id)::INTEGER AS ids FROM incidents')).toEqual([{ n: 17, ids: 17 }]);
      expect(await incident(db.connection, 'INC-104')).toMatchObject({ opened: '2024-04-04T02:00:00.000Z', resolved: '2024-04-04T03:00:00.000Z' });
      expect(await rows(db.connection, "SELECT title, severity FROM incidents WHERE external_id = 'INC-102'")).toEqual([{ title: 'Generated incident 102 (edited mid-sync)', severity: 'SEV2' }]);
      expect(await cursorOf(db.connection, 'ops-jira')).toBe('2024-05-14T02:00:00.000Z');
      // Each request after the first starts at the minute of the last issue read, in the user's
      // zone (Asia/Bangkok), and drops the one issue already read in that minute: 4 + 3 + 3 + 3 +
      // 3 + 2 = the 17 issues once, and INC-102 again in its new state (after INC-207).
      expect(searched()).toEqual(['start', '2024-04-03 10:00', '2024-04-06 10:00', '2024-04-09 10:00', '2024-05-08 10:05', '2024-05-12 09:00']);
      expect(progress.records).toEqual([4, 7, 10, 13, 16, 18]);
      expect(summary).toMatchObject({ pages: 6, records: 17, inserted: 17 });
    } finally {
      db.close();
    }
  });

  it('more issues in one minute than a page holds: nextPageToken inside that minute, every one stored, the run ends', async () => {
    const db = await openDatabase(':memory:');
    try {
      // A bulk edit: INC-101…INC-109 all updated within 2024-04-09 10:00 +0700, in pages of 4.
      for (const issue of fake.issues) {
        const n = Number(issue.key.slice(4));
        if (n >= 101 && n <= 109) issue.fields = { ...issue.fields, updated: `2024-04-09T10:00:${String(5 * (n - 101)).padStart(2, '0')}.${String(n).padStart(3, '0')}+0700` };
      }
      fake.faults.abortAfter(12);
      const progress = handedOn();
      const summary = await runSync(db, config(), ENV, recorder(), { onProgress: progress.onProgress });
      expect(await rows(db.connection, 'SELECT count(*)::INTEGER AS n, count(DISTINCT external_id)::INTEGER AS ids FROM incidents')).toEqual([{ n: 17, ids: 17 }]);
      expect(await cursorOf(db.connection, 'ops-jira')).toBe('2024-05-13T05:00:00.000Z');
      // Page 1 (INC-205, INC-101…103) ends in that minute: a query from it re-reads INC-101…103 and
      // adds INC-104, still in it, so its token gives INC-105…108, then INC-109, INC-110, INC-201,
      // INC-202; from INC-202's minute on, as without the bulk edit.
      expect(searched()).toEqual(['start', '2024-04-09 10:00', '2024-04-09 10:00 +token', '2024-04-09 10:00 +token', '2024-05-08 10:05', '2024-05-12 09:00']);
      expect(progress.records).toEqual([4, 5, 9, 13, 16, 17]);
      expect(summary).toMatchObject({ pages: 6, records: 17, inserted: 17 });
    } finally {
      db.close();
    }
  });

  it('a nextPageToken that comes back unchanged inside a minute fails the run as a malformed page instead of looping', async () => {
    const db = await openDatabase(':memory:');
    try {
      for (const issue of fake.issues) if (/^INC-10[1-9]$/.test(issue.key)) issue.fields = { ...issue.fields, updated: '2024-04-09T10:00:30.000+0700' };
      // The third request follows request 2's token; its answer hands the same token back.
      fake.faults.changeAfter(2, () => {
        const token = new URL(fake.requests.at(-1)!).searchParams.get('nextPageToken');
        const issue = { id: '20105', key: 'INC-105', fields: { updated: '2024-04-09T10:00:30.000+0700' } };
        fake.faults.at(1, { kind: 'malformed', body: JSON.stringify({ issues: [issue], nextPageToken: token, isLast: false }) });
      });
      await expect(runSync(db, config(), ENV)).rejects.toThrow(/^ops-jira: Jira returned a malformed page from .*nextPageToken=.*: the same nextPageToken came back again\.$/);
      expect(searched()).toEqual(['start', '2024-04-09 10:00', '2024-04-09 10:00 +token']);
    } finally {
      db.close();
    }
  });
});

/** INC-102 is edited on 2024-05-14 09:00 +0700 (after every other issue): a new summary, priority raised to High. */
function editInc102(issues: JiraIssue[]): void {
  const issue = issues.find((candidate) => candidate.key === 'INC-102')!;
  issue.fields = { ...issue.fields, summary: 'Generated incident 102 (edited mid-sync)', priority: { name: 'High', id: '2' }, updated: '2024-05-14T09:00:00.000+0700' };
  issue.changelog.histories.push({
    id: '49999', created: '2024-05-14T09:00:00.000+0700', author: { displayName: 'Linh Tran' },
    items: [{ field: 'priority', fieldtype: 'jira', fieldId: 'priority', fromString: 'Medium', toString: 'High' }],
  });
}

/** INC-203 moves to Done on 2024-05-14 09:00 +0700. */
function resolveInc203(issues: JiraIssue[]): void {
  const issue = issues.find((candidate) => candidate.key === 'INC-203')!;
  issue.fields = {
    ...issue.fields, status: { name: 'Done', id: '10001', statusCategory: { id: 3, key: 'done', name: 'Done' } },
    updated: '2024-05-14T09:00:00.000+0700', resolutiondate: '2024-05-14T09:00:00.000+0700', resolution: { id: '10000', name: 'Done' },
  };
  issue.changelog.histories.push({
    id: '39999', created: '2024-05-14T09:00:00.000+0700', author: { displayName: 'Minh Pham' },
    items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', fromString: 'Work in progress', toString: 'Done' }],
  });
}
