/** The memory cap an import runs under: lowered for the import, restored after, never raised. */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { importFile } from '../../ingest/import-file.ts';
import { capMemory, parseBytes } from '../../ingest/memory-cap.ts';
import { DEMO_CSV } from '../../server/serve.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());

async function limit(connection: Awaited<ReturnType<typeof openDatabase>>['connection']): Promise<string> {
  return String((await connection.runAndReadAll("SELECT current_setting('memory_limit') AS m")).getRowObjectsJson()[0]?.m);
}

describe('memory cap', () => {
  it('reads the sizes DuckDB prints and the ones people type', () => {
    expect(parseBytes('1GiB')).toBe(1024 ** 3);
    expect(parseBytes('953.6 MiB')).toBe(Math.round(953.6 * 1024 ** 2));
    expect(parseBytes('512MB')).toBe(512_000_000);
    expect(parseBytes('2 GB')).toBe(2_000_000_000);
    expect(parseBytes('lots')).toBeNull();
  });

  it('lowers a higher cap for the import and puts it back, success or failure', async () => {
    const db = await openDatabase(dir.path('cap.duckdb'));
    try {
      await db.connection.run("SET memory_limit = '4GiB'");
      let inside = '';
      await importFile(db.connection, { file: DEMO_CSV, profile: 'generic', beforeCommit: async () => { inside = await limit(db.connection); } });
      expect(inside).toBe('1.0 GiB');
      expect(await limit(db.connection)).toBe('4.0 GiB');
      const failing = importFile(db.connection, { file: DEMO_CSV, profile: 'generic', source: 'two', beforeCommit: () => { throw new Error('injected'); } });
      await expect(failing).rejects.toThrow('injected');
      expect(await limit(db.connection)).toBe('4.0 GiB');
    } finally {
      db.close();
    }
  });

  it('never raises a lower cap, and null leaves the cap alone', async () => {
    const db = await openDatabase(':memory:');
    try {
      await db.connection.run("SET memory_limit = '512MiB'");
      const restore = await capMemory(db.connection, '1GiB');
      expect(await limit(db.connection)).toBe('512.0 MiB');
      await restore();
      await db.connection.run("SET memory_limit = '3GiB'");
      await (await capMemory(db.connection, null))();
      expect(await limit(db.connection)).toBe('3.0 GiB');
      await expect(capMemory(db.connection, 'lots')).rejects.toThrow('Not a memory size: "lots"');
    } finally {
      db.close();
    }
  });
});
