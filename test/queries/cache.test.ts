/** The answer cache: hits on unchanged data, emptied by an import, bounded (LRU), errors never kept. */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultCache } from '../../queries/cache.ts';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { metricsKey, runMetrics } from '../../queries/run.ts';
import { importFile } from '../../ingest/import-file.ts';
import { createApp } from '../../server/app.ts';
import { cacheOf } from '../../server/routes/context.ts';
import { tempDir } from '../helpers/db.ts';
import { seededDb } from './golden/seed.ts';

const dir = tempDir();
let db: Database;
beforeAll(async () => {
  db = await seededDb({ incidents: [{ external_id: 'A', opened_at: '2026-01-10T10:00:00Z', resolved_at: '2026-01-10T11:00:00Z' }] });
});
afterAll(() => {
  db.close();
  dir.remove();
});

describe('ResultCache', () => {
  it('answers a repeated request from memory until an import changes the data', async () => {
    const cache = new ResultCache();
    const { request } = parseMetricRequest({ metric: 'count,mttr' });
    const context = defaultContext(new Date('2026-03-01T00:00:00Z'));
    let computed = 0;
    const ask = () => cache.remember(db.connection, metricsKey(request, context), async () => {
      computed++;
      return runMetrics(db.connection, request, context);
    });
    const first = await ask();
    expect(await ask()).toBe(first);
    expect({ computed, hits: cache.hits }).toEqual({ computed: 1, hits: 1 });

    const file = dir.path('more.csv');
    writeFileSync(file, 'external_id,title,opened_at\nB,b,2026-01-11T10:00:00Z\n');
    await importFile(db.connection, { file, profile: 'generic', source: 'csv' });
    const after = await ask();
    expect(computed).toBe(2);
    expect(after.rows[0]).toMatchObject({ count: 2 });
    // Importing the same file again changes nothing: the version stays and the answer is reused.
    await importFile(db.connection, { file, profile: 'generic', source: 'csv' });
    expect(await ask()).toBe(after);
    expect(computed).toBe(2);
  });

  it('keeps at most maxEntries, evicting the least recently used', async () => {
    const cache = new ResultCache(2);
    const value = (key: string) => cache.remember(db.connection, key, async () => ({ key }));
    const a = await value('a');
    await value('b');
    expect(await value('a')).toBe(a); // a is now the most recent
    await value('c'); // evicts b
    expect(cache.size).toBe(2);
    expect(await value('a')).toBe(a);
    const misses = cache.misses;
    await value('b');
    expect(cache.misses).toBe(misses + 1);
  });

  it('never keeps a failure, and every caller sees it', async () => {
    const cache = new ResultCache();
    await expect(cache.remember(db.connection, 'k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await cache.remember(db.connection, 'k', async () => 'ok')).toBe('ok');
  });
});

describe('the API uses the cache', () => {
  it('a repeated GET /api/metrics is a hit; so are survival, compare and targets', async () => {
    const deps = { db, webRoot: null, log: { info() {}, error() {} }, now: () => new Date('2026-03-01T00:00:30Z') };
    const app = createApp(deps);
    const urls = ['/api/metrics?metric=count&grain=month', '/api/survival', '/api/compare?metric=mttr&period=2026-01', '/api/targets'];
    const first = [];
    for (const url of urls) first.push(await (await app.request(url)).text());
    expect(cacheOf(deps)).toMatchObject({ hits: 0, misses: 4 });
    const second = [];
    for (const url of urls) second.push(await (await app.request(url)).text());
    expect(second).toEqual(first);
    expect(cacheOf(deps)).toMatchObject({ hits: 4, misses: 4 });
  });
});
