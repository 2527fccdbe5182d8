/**
 * The CSV export written in chunks of the sort column (server/export/csv-copy.ts), with chunks of
 * 7 rows so 60 incidents take many: for every sortable kind of column — timestamps with NULLs,
 * a skewed text column full of ties, booleans, numbers — in both directions, the file holds
 * exactly the incident list's rows in the list's order, with one header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultContext } from '../../queries/compile/context.ts';
import { openDatabase, type Database } from '../../queries/db.ts';
import { csvChunks } from '../../server/export/csv-copy.ts';
import { planExport } from '../../server/export/request.ts';
import { seed, type Row } from '../queries/golden/seed.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
let db: Database;
const context = defaultContext(new Date('2026-12-01T00:00:00Z'));

beforeAll(async () => {
  // Severity is skewed (40 of 60 are SEV3) so boundaries repeat; every 4th is unresolved and
  // every 5th has no assignee, so those columns carry NULLs; opened_at has ties (i and i + 30).
  const rows: Row[] = Array.from({ length: 60 }, (_, i) => {
    const opened = Date.UTC(2026, 9, 1 + (i % 30), 8);
    return {
      external_id: `INC-${String(i).padStart(2, '0')}`, title: `incident ${(i * 37) % 60}`,
      severity: i % 3 === 0 ? 'SEV2' : 'SEV3', assignee: i % 5 === 0 ? null : `person-${i % 4}`,
      is_drill: i % 7 === 0, reopen_count: i % 4,
      opened_at: new Date(opened).toISOString(), acknowledged_at: new Date(opened + 60_000 * (i + 1)).toISOString(),
      resolved_at: i % 4 === 0 ? null : new Date(opened + 3_600_000 + i * 1000).toISOString(),
    };
  });
  db = await openDatabase(dir.path('chunks.duckdb'));
  await seed(db.connection, { incidents: rows });
});
afterAll(() => {
  db.close();
  dir.remove();
});

async function chunkedIds(sort: string, dir: 'asc' | 'desc', metric?: string): Promise<{ ids: string[]; count: number; headers: number }> {
  const { plan, errors } = planExport({ format: 'csv', filter: [], include_drills: 'true', sort, dir, ...(metric ? { metric } : {}) }, context);
  if (!plan) throw new Error(errors.join(' '));
  const folder = mkdtempSync(join(tmpdir(), 'hindsight-chunks-'));
  try {
    const { rowCount, bytes } = await csvChunks(db, plan.list, folder, 7);
    let text = '';
    for await (const chunk of bytes) text += chunk.toString('utf8');
    const lines = text.split('\r\n').filter((line) => line !== '');
    return { ids: lines.filter((line) => !line.startsWith('source,')).map((line) => line.split(',')[1]!), count: rowCount, headers: lines.filter((line) => line.startsWith('source,')).length };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function listedIds(sort: string, dir: 'asc' | 'desc', metric?: string): Promise<string[]> {
  const { plan } = planExport({ format: 'csv', filter: [], include_drills: 'true', sort, dir, ...(metric ? { metric } : {}) }, context);
  const result = await db.connection.runAndReadAll(plan!.list.sql, plan!.list.params);
  return result.getRowObjectsJson().map((row) => String(row.external_id));
}

describe('CSV export in chunks of the sort column', () => {
  for (const [sort, dir, metric] of [
    ['opened_at', 'asc'], ['opened_at', 'desc'], ['resolved_at', 'asc'], ['resolved_at', 'desc'],
    ['severity', 'asc'], ['assignee', 'desc'], ['is_drill', 'asc'], ['title', 'desc'], ['value', 'desc', 'mttr'],
  ] as Array<[string, 'asc' | 'desc', string?]>) {
    it(`${sort} ${dir}${metric ? ` (${metric})` : ''}: the list's rows in the list's order, one header`, async () => {
      const expected = await listedIds(sort, dir, metric);
      const got = await chunkedIds(sort, dir, metric);
      expect(got.headers).toBe(1);
      expect(got.count).toBe(expected.length);
      expect(got.ids).toEqual(expected);
    });
  }

  it('counts all 60 incidents and the mttr population of the 45 resolved ones', async () => {
    expect((await chunkedIds('opened_at', 'asc')).count).toBe(60);
    expect((await chunkedIds('value', 'asc', 'mttr')).count).toBe(45);
  });

  it('reads one snapshot: rows changed while it streams neither move nor vanish (run last: it edits the data)', async () => {
    const expected = await listedIds('opened_at', 'asc');
    const { plan } = planExport({ format: 'csv', filter: [], include_drills: 'true' }, context);
    const folder = mkdtempSync(join(tmpdir(), 'hindsight-chunks-'));
    try {
      const { bytes } = await csvChunks(db, plan!.list, folder, 7);
      let text: string = (await bytes.next()).value!.toString('utf8');
      // A sync lands mid-export: the newest incidents move to the first chunk's range, one goes.
      await db.connection.run("UPDATE incidents SET opened_at = opened_at - INTERVAL 40 DAY WHERE external_id IN ('INC-29', 'INC-59')");
      await db.connection.run("DELETE FROM incidents WHERE external_id = 'INC-28'");
      for await (const chunk of bytes) text += chunk.toString('utf8');
      const ids = text.split('\r\n').slice(1).filter((line) => line !== '').map((line) => line.split(',')[1]);
      expect(ids).toEqual(expected);
      // The export's transaction is over: the shared connection sees its own change.
      expect((await listedIds('opened_at', 'asc')).slice(0, 2)).toEqual(['INC-29', 'INC-59']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('closes its connection when the reader stops after the first chunk', async () => {
    let open = 0;
    const counting: Database = {
      ...db,
      connect: async () => { open++; return db.connect(); },
      release: (connection) => { open--; db.release(connection); },
    };
    const { plan } = planExport({ format: 'csv', filter: [], include_drills: 'true' }, context);
    const folder = mkdtempSync(join(tmpdir(), 'hindsight-chunks-'));
    try {
      const { bytes } = await csvChunks(counting, plan!.list, folder, 7);
      expect(open).toBe(1);
      await bytes.next();
      await bytes.return(undefined);
      expect(open).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

