/**
 * The answer warmer's remembered questions (warm-answers.ts) in the database, so a restarted
 * server can ask them again before anyone visits. Written when the server stops and after each
 * replay; a server killed in between starts from the list of the last write.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../queries/db.ts';

/** The stored paths, most recent first. */
export async function loadQuestions(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll('SELECT path FROM remembered_questions ORDER BY position');
  return reader.getRowObjectsJson().map((row) => String(row.path));
}

/**
 * Replaces the stored paths (most recent first) in one transaction, on a connection of its own:
 * statements on the shared connection would join the transaction, and the dashboard's reads
 * run there.
 */
export async function saveQuestions(db: Database, paths: readonly string[]): Promise<void> {
  const connection = await db.connect();
  try {
    await replace(connection, paths);
  } finally {
    db.release(connection);
  }
}

async function replace(connection: DuckDBConnection, paths: readonly string[]): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run('DELETE FROM remembered_questions');
    for (const [position, path] of paths.entries()) {
      await connection.run('INSERT INTO remembered_questions (position, path) VALUES ($1, $2)', [position, path]);
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
