/**
 * Recent questions asked again after new data (server/warm-answers.ts), through the real app
 * on a real DuckDB file: the next identical request is answered from the cache, with the new
 * data's numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../../queries/data-version.ts';
import type { Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { cacheOf } from '../../server/routes/context.ts';
import { answerWarmer } from '../../server/warm-answers.ts';
import { openDatabase } from '../../queries/db.ts';
import { startServer } from '../../server/serve.ts';
import { loadQuestions, questionKeeper } from '../../server/remembered-questions.ts';
import { tempDir } from '../helpers/db.ts';
import { seed, seededDb } from '../queries/golden/seed.ts';

const BASE = 'http://127.0.0.1';
let db: Database;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;
const lines: string[] = [];
const log = { info: (m: string) => void lines.push(`info ${m}`), error: (m: string) => void lines.push(`error ${m}`) };

beforeAll(async () => {
  db = await seededDb({ incidents: [
    { external_id: 'A', severity: 'SEV1', opened_at: '2026-02-01T09:00:00Z', resolved_at: '2026-02-01T10:00:00Z' },
    { external_id: 'B', severity: 'SEV2', opened_at: '2026-02-02T09:00:00Z', resolved_at: '2026-02-02T11:00:00Z' },
  ] });
  deps = { db, webRoot: null, log, now: () => new Date('2026-03-01T00:00:00Z') };
  app = createApp(deps);
});
afterAll(() => db.close());

/** Asks the app as the server does: answer, then note. */
async function ask(warmer: ReturnType<typeof answerWarmer>, path: string) {
  const request = new Request(`${BASE}${path}`);
  const response = await app.fetch(request);
  warmer.note(request, response);
  return { status: response.status, body: await response.json() };
}

describe('answers warmed after new data', () => {
  it('remembers successful GETs of the cached routes, most recent first, at most the limit', async () => {
    const warmer = answerWarmer((request) => app.fetch(request), log, 2);
    await ask(warmer, '/api/metrics?metric=count');
    await ask(warmer, '/api/metrics?metric=nonsense'); // 400: not remembered
    await ask(warmer, '/api/health'); // not a cached route
    await ask(warmer, '/api/metrics?metric=mttr&grain=month');
    expect(warmer.urls).toEqual(['/api/metrics?metric=mttr&grain=month', '/api/metrics?metric=count']);
    await ask(warmer, '/api/metrics?metric=count'); // asked again: most recent
    await ask(warmer, '/api/targets');
    expect(warmer.urls).toEqual(['/api/targets', '/api/metrics?metric=count']);
  });

  it('asks them again after new data, so the next identical request is a cache hit with the new numbers', async () => {
    const warmer = answerWarmer((request) => app.fetch(request), log);
    expect((await ask(warmer, '/api/metrics?metric=count')).body.rows[0].count).toBe(2);
    expect((await ask(warmer, '/api/metrics?metric=mttr&grain=month')).body.rows).toEqual([expect.objectContaining({ period: '2026-02-01', mttr_n: 2 })]);
    await seed(db.connection, { incidents: [{ external_id: 'C', severity: 'SEV1', opened_at: '2026-02-03T09:00:00Z', resolved_at: '2026-02-03T12:00:00Z' }] });
    await bumpDataVersion(db.connection);
    const cache = cacheOf(deps);
    const misses = cache.misses;
    lines.length = 0;
    await warmer.warm();
    expect(cache.misses).toBe(misses + 2); // both recomputed on the new data
    expect(lines).toEqual([expect.stringMatching(/^info re-answered 2 recent question\(s\) after new data in \d+\.\d s$/)]);
    expect((await ask(warmer, '/api/metrics?metric=count')).body.rows[0].count).toBe(3);
    expect((await ask(warmer, '/api/metrics?metric=mttr&grain=month')).body.rows).toEqual([expect.objectContaining({ period: '2026-02-01', mttr_n: 3 })]);
    expect(cache.misses).toBe(misses + 2); // answered from what the warm-up computed
  });

  it('starts from the paths of an earlier run, most recent first, and asks them again', async () => {
    const remembered = ['/api/metrics?metric=mtta', '/api/health', '/api/metrics?metric=reopen&grain=month', '/api/targets', '/api/metrics?metric=count'];
    const warmer = answerWarmer((request) => app.fetch(request), log, 3, remembered);
    // /api/health is not a cached route; the limit keeps the three most recent of the rest.
    expect(warmer.urls).toEqual(['/api/metrics?metric=mtta', '/api/metrics?metric=reopen&grain=month', '/api/targets']);
    await bumpDataVersion(db.connection); // a restart starts with an empty cache
    const misses = cacheOf(deps).misses;
    lines.length = 0;
    await warmer.warm('after a restart');
    expect(cacheOf(deps).misses).toBe(misses + 3);
    expect(lines).toEqual([expect.stringMatching(/^info re-answered 3 recent question\(s\) after a restart in \d+\.\d s$/)]);
    await ask(warmer, '/api/metrics?metric=mtta');
    expect(cacheOf(deps).misses).toBe(misses + 3);
  });

  it('starts nothing once stopped', async () => {
    const warmer = answerWarmer((request) => app.fetch(request), log);
    await ask(warmer, '/api/metrics?metric=reopen');
    await warmer.stop();
    await bumpDataVersion(db.connection);
    const misses = cacheOf(deps).misses;
    await warmer.warm();
    expect(cacheOf(deps).misses).toBe(misses);
  });
});

describe('the recent questions across a restart', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('are kept in the database when the server stops and asked again when it starts', async () => {
    const dbPath = dir.path('restart.duckdb');
    const seen: string[] = [];
    const serverLog = { info: (m: string) => void seen.push(`info ${m}`), error: (m: string) => void seen.push(`error ${m}`) };
    const first = await startServer({ dbPath, port: 0, webRoot: null, demo: false, log: serverLog });
    await first.warmedAfterStart; // nothing remembered yet: no replay, no line
    for (const path of ['/api/metrics?metric=count', '/api/health', '/api/metrics?metric=mttr&grain=month']) {
      expect((await fetch(`${first.url}${path}`)).status).toBe(200);
    }
    await first.close();
    expect(seen.filter((line) => line.includes('re-answered'))).toEqual([]);

    const stored = await openDatabase(dbPath);
    try {
      expect((await stored.connection.runAndReadAll('SELECT position, path FROM remembered_questions ORDER BY 1')).getRowObjectsJson()).toEqual([
        { position: 0, path: '/api/metrics?metric=mttr&grain=month' },
        { position: 1, path: '/api/metrics?metric=count' },
      ]);
    } finally {
      stored.close();
    }

    const second = await startServer({ dbPath, port: 0, webRoot: null, demo: false, log: serverLog });
    try {
      await second.warmedAfterStart;
      expect(seen.filter((line) => line.includes('re-answered'))).toEqual([expect.stringMatching(/^info re-answered 2 recent question\(s\) after a restart in \d+\.\d s$/)]);
    } finally {
      await second.close();
    }
  });
});

describe('keeping the list', () => {
  it('saves one at a time in order, so saves asked for together never conflict, and nothing after the last', async () => {
    const store = await seededDb();
    const errors: string[] = [];
    let list = ['/api/metrics?metric=count'];
    const keeper = questionKeeper(store, () => list, { info: () => {}, error: (m) => void errors.push(m) });
    try {
      // Two syncs finishing during one replay ask at the same moment; side by side, the second
      // transaction's delete would conflict with the first's.
      const first = keeper.keep();
      list = ['/api/targets', '/api/metrics?metric=count'];
      const second = keeper.keep();
      await Promise.all([first, second]);
      expect(errors).toEqual([]);
      expect(await loadQuestions(store.connection)).toEqual(['/api/targets', '/api/metrics?metric=count']);
      list = ['/api/metrics?metric=mttr'];
      await keeper.last();
      list = ['/api/metrics?metric=reopen'];
      await keeper.keep(); // a sync finishing while the server stops: not saved after the last
      expect(await loadQuestions(store.connection)).toEqual(['/api/metrics?metric=mttr']);
    } finally {
      store.close();
    }
  });
});
