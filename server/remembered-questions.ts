/**
 * The answer warmer's remembered questions (warm-answers.ts) in the database, so a restarted
 * server can ask them again before anyone visits. Written when the server stops and after each
 * replay; a server killed in between starts from the list of the last write.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../queries/db.ts';
import { inTransaction } from '../queries/transaction.ts';
import type { Logger } from './deps.ts';

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
    await inTransaction(connection, async () => {
      await connection.run('DELETE FROM remembered_questions');
      for (const [position, path] of paths.entries()) {
        await connection.run('INSERT INTO remembered_questions (position, path) VALUES ($1, $2)', [position, path]);
      }
    });
  } finally {
    db.release(connection);
  }
}

export interface QuestionKeeper {
  /** Stores the current list after every save already asked for; ignored once the last one was asked for. */
  keep(): Promise<void>;
  /** The server is stopping: the last save, after all earlier ones; nothing is saved after it. */
  last(): Promise<void>;
}

/**
 * Saves one at a time, in order: two at once conflict on the table's rows (DuckDB refuses the
 * second transaction's delete), and the server waits for `last()` before the database closes
 * under a save. Not the data path: a failed save is logged and the server goes on (the next
 * start warms from the previous list).
 */
export function questionKeeper(db: Database, paths: () => readonly string[], log: Logger): QuestionKeeper {
  let saving = Promise.resolve();
  let ended = false;
  const save = (): Promise<void> => {
    saving = saving.then(() => saveQuestions(db, paths())).catch((error: unknown) => {
      log.error(`keeping the recent dashboard questions for the next start failed: ${(error as Error).message}`);
    });
    return saving;
  };
  return {
    keep: () => (ended ? saving : save()),
    last: () => {
      if (ended) return saving;
      ended = true;
      return save();
    },
  };
}
