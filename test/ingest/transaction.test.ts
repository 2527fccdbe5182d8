/** One import is one transaction, and every run — failed ones too — is logged in import_runs. */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { importFile } from '../../ingest/import-file.ts';
import { DEMO_CSV } from '../../server/serve.ts';
import { incidentsFingerprint, tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());

describe('transactions and the run log', () => {
  it('a failure after the rows are written rolls the whole file back', async () => {
    const db = await openDatabase(dir.path('tx.duckdb'));
    try {
      await importFile(db.connection, { file: DEMO_CSV, profile: 'generic', source: 'one', now: () => new Date('2026-11-01T00:00:00Z') });
      const before = await incidentsFingerprint(db.connection);
      const failing = importFile(db.connection, {
        file: DEMO_CSV, profile: 'generic', source: 'two', now: () => new Date('2026-11-02T00:00:00Z'),
        beforeCommit: async () => {
          // Proves the rows were really written inside the transaction before the fault.
          const inside = await db.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM incidents WHERE source = 'two'`);
          expect(inside.getRowObjectsJson()).toEqual([{ n: 2000 }]);
          throw new Error('disk full (injected)');
        },
      });
      await expect(failing).rejects.toThrow('disk full (injected)');
      expect(await incidentsFingerprint(db.connection)).toBe(before);
      const runs = await db.connection.runAndReadAll(
        `SELECT source, status, rows_read, inserted, error FROM import_runs ORDER BY run_id`,
      );
      expect(runs.getRowObjectsJson()).toEqual([
        { source: 'one', status: 'ok', rows_read: 2000, inserted: 2000, error: null },
        { source: 'two', status: 'failed', rows_read: 0, inserted: 0, error: 'disk full (injected)' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the data version', () => {
  it('moves with every import that changes data, and only then', async () => {
    const { dataVersion } = await import('../../queries/data-version.ts');
    const db = await openDatabase(':memory:');
    try {
      expect(await dataVersion(db.connection)).toBe(0);
      await importFile(db.connection, { file: DEMO_CSV, profile: 'generic' });
      expect(await dataVersion(db.connection)).toBe(1);
      await importFile(db.connection, { file: DEMO_CSV, profile: 'generic' }); // nothing changed
      expect(await dataVersion(db.connection)).toBe(1);
    } finally {
      db.close();
    }
  });
});
