/**
 * A 200,000-row CSV export streamed through app.request: it completes with every row, and the
 * live heap stays well below the size of the file (DuckDB writes the file and it is streamed
 * from disk, never held as one result). The heap is measured after a full collection every ~4 MB
 * read, so garbage waiting for a busy machine's collector is not mistaken for held rows.
 * Not timed; the benchmark measures speed.
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIncidents, toCsv } from '../../fixtures/generate.ts';
import { importFile } from '../../ingest/import-file.ts';
import { openDatabase, type Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import { tempDir } from '../helpers/db.ts';

const ROWS = 200_000;
// A collector to call on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose_gc');
const collect = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collect();
  return process.memoryUsage().heapUsed;
};
const dir = tempDir();
let db: Database;

beforeAll(async () => {
  writeFileSync(dir.path('incidents.csv'), toCsv(generateIncidents({ incidents: ROWS, seed: 7 })));
  db = await openDatabase(dir.path('big.duckdb'));
  await importFile(db.connection, { file: dir.path('incidents.csv'), profile: 'generic', source: 'demo', into: 'incidents' });
}, 300_000);
afterAll(() => {
  db?.close();
  dir.remove();
});

describe('streamed CSV export', () => {
  it('sends 200k rows with a flat heap', async () => {
    const app = createApp({ db, webRoot: null, log: { info() {}, error() {} } });
    const before = liveHeap();
    const res = await app.request('/api/export?format=csv&include_drills=1');
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    let lines = 0;
    let peak = 0;
    let sampledAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 10) lines++;
      if (bytes - sampledAt >= 4_000_000) {
        sampledAt = bytes;
        peak = Math.max(peak, liveHeap() - before);
      }
    }
    expect(lines - 1).toBe(ROWS);
    // Titles hold no newlines in the generator, so lines = rows + header.
    expect(bytes).toBeGreaterThan(20_000_000);
    // Live memory while streaming stays under a fifth of the file: pages, not the result.
    expect(peak).toBeLessThan(bytes / 5);
  }, 300_000);
});
