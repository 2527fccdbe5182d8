/** inTransaction: the error that says what happened reaches the caller, a failed COMMIT's included. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../queries/transaction.ts';

async function twoConnections() {
  const instance = await DuckDBInstance.create(':memory:');
  const a = await instance.connect();
  const b = await instance.connect();
  await a.run('CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR)');
  const rows = async () => (await a.runAndReadAll('SELECT k, v FROM t ORDER BY k')).getRowObjectsJson();
  return { a, b, rows, close: () => instance.closeSync() };
}

describe('inTransaction', () => {
  it('a COMMIT that fails (a key another connection committed first) rejects with that failure, not "no transaction is active"', async () => {
    const { a, b, rows, close } = await twoConnections();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // b inserts key 1 and waits; a commits key 1 meanwhile; b's COMMIT then fails.
      const late = inTransaction(b, async () => {
        await b.run("INSERT INTO t VALUES (1, 'b')");
        await held;
      });
      await inTransaction(a, () => a.run("INSERT INTO t VALUES (1, 'a')").then(() => undefined));
      release();
      await expect(late).rejects.toThrow(/duplicate key "1"/);
      expect(await rows()).toEqual([{ k: 1, v: 'a' }]);
      // b is usable again: nothing of the failed transaction is left open.
      await inTransaction(b, () => b.run("INSERT INTO t VALUES (2, 'b')").then(() => undefined));
      expect(await rows()).toEqual([{ k: 1, v: 'a' }, { k: 2, v: 'b' }]);
    } finally {
      close();
    }
  });

  it('a body that throws is rolled back and its own error rethrown', async () => {
    const { a, rows, close } = await twoConnections();
    try {
      await expect(inTransaction(a, async () => {
        await a.run("INSERT INTO t VALUES (1, 'kept?')");
        throw new Error('disk full (injected)');
      })).rejects.toThrow('disk full (injected)');
      expect(await rows()).toEqual([]);
    } finally {
      close();
    }
  });
});
