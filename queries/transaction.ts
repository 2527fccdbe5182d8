/**
 * One transaction around `body` on `connection`: COMMIT when it resolves; ROLLBACK and the body's
 * own error when it throws.
 *
 * Hazard: the COMMIT stays outside the rollback path on purpose. DuckDB ends a transaction whose
 * COMMIT fails (a key another connection committed first, a full disk at the checkpoint), so a
 * ROLLBACK after it fails with "no transaction is active", and that message would replace the
 * one that says what happened.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function inTransaction<T>(connection: DuckDBConnection, body: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await body();
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  await connection.run('COMMIT');
  return result;
}
