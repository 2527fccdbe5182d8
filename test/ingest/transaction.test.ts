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

describe('timelines on re-import', () => {
  const EVENT_LOG = 'fixtures/samples/servicenow/incident-event-log.csv';
  it('an unchanged timeline is not rewritten, so the data version holds; a changed one is rewritten alone', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { dataVersion } = await import('../../queries/data-version.ts');
    const db = await openDatabase(':memory:');
    const events = async () => (await db.connection.runAndReadAll(
      `SELECT external_id, count(*)::INTEGER AS n, min(rowid)::INTEGER AS first_row, list(actor ORDER BY occurred_at, kind, ordinal) AS actors
       FROM incident_events GROUP BY 1 ORDER BY 1`)).getRowObjectsJson();
    try {
      const first = await importFile(db.connection, { file: EVENT_LOG, profile: 'servicenow', now: () => new Date('2026-11-01T00:00:00Z') });
      expect(first).toMatchObject({ inserted: 4, events: 26 });
      expect(await dataVersion(db.connection)).toBe(1);
      const before = await events();

      const again = await importFile(db.connection, { file: EVENT_LOG, profile: 'servicenow', now: () => new Date('2026-11-02T00:00:00Z') });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, events: 26 });
      expect(await dataVersion(db.connection)).toBe(1);
      expect(await events()).toEqual(before);

      // Who moved INC0000045 to Active is corrected; its latest row, and so the incident, is the same.
      const corrected = dir.path('event-log-corrected.csv');
      const text = readFileSync(EVENT_LOG, 'utf8');
      expect(text.split('Updated by 642,')).toHaveLength(2);
      writeFileSync(corrected, text.replace('Updated by 642,', 'Updated by 643,'));
      const third = await importFile(db.connection, { file: corrected, profile: 'servicenow', now: () => new Date('2026-11-03T00:00:00Z') });
      expect(third).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, events: 26 });
      expect(await dataVersion(db.connection)).toBe(2);
      const after = await events();
      const changed = after.find((row) => row.external_id === 'INC0000045')!;
      const was = before.find((row) => row.external_id === 'INC0000045')!;
      // That update's three events, now under the corrected name.
      expect((was.actors as string[]).filter((actor) => actor === 'Updated by 642')).toHaveLength(3);
      expect(changed.actors).toEqual((was.actors as string[]).map((actor) => (actor === 'Updated by 642' ? 'Updated by 643' : actor)));
      expect(changed.first_row).not.toBe(was.first_row);
      expect(after.filter((row) => row.external_id !== 'INC0000045')).toEqual(before.filter((row) => row.external_id !== 'INC0000045'));
    } finally {
      db.close();
    }
  });

  it('a statement that fails while timelines are replaced surfaces its own error, not the aborted transaction', async () => {
    const { replaceTimelines } = await import('../../ingest/load.ts');
    const db = await openDatabase(':memory:');
    try {
      // An event whose level is not a number: the insert into incident_events fails converting it.
      await db.connection.run(`CREATE TEMP TABLE typed_events AS SELECT 'test' AS source, 'E-1' AS external_id,
        TIMESTAMPTZ '2026-01-01 00:00:00+00' AS occurred_at, 'escalated' AS kind, NULL AS from_value, NULL AS to_value,
        'high' AS level, NULL AS actor, NULL AS body, 1 AS __order`);
      await db.connection.run('BEGIN TRANSACTION');
      await expect(replaceTimelines(db.connection, 'typed_events')).rejects.toThrow(/Could not convert string 'high'/);
      await db.connection.run('ROLLBACK');
      expect((await db.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '__timeline%'`)).getRowObjectsJson()).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });
});
