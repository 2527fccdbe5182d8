/**
 * `hindsight sync [NAME...] [--full] [--config hindsight.yaml] [--db PATH]` — pulls the sources
 * configured under `sources:` (all, or the ones named), each incrementally from its stored cursor.
 *
 * Everything that can be checked before the database is opened is (the file, the names, the
 * environment variables), so a typo never touches it. If `hindsight serve` holds the database,
 * openDatabase says so in one sentence. A failing source doesn't stop the others; the exit code
 * is 1 when any failed (2 for bad input).
 */
import { basename } from 'node:path';
import { Command } from 'commander';
import type { SourceConfig } from '../../ingest/connectors/config.ts';
import { reasonOf } from '../../ingest/connectors/errors.ts';
import { readCredentials } from '../../ingest/connectors/secrets.ts';
import { syncSource } from '../../ingest/connectors/sync.ts';
import type { Scheme } from '../../ingest/scheme.ts';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { loadConfig } from '../config.ts';
import { configOption, dbOption } from './options.ts';
import { describeSync, syncProgress } from './sync-progress.ts';

interface SyncFlags {
  full?: boolean;
  config?: string;
  db?: string;
}

export function syncCommand(): Command {
  return new Command('sync')
    .description('pull incidents from the sources configured in hindsight.yaml (incremental; --full re-reads everything)')
    .argument('[names...]', 'sources to sync (default: every configured source)')
    .option('--full', "ignore the stored cursors and re-read everything from each source's start")
    .addOption(configOption())
    .addOption(dbOption())
    .action(async (names: string[], opts: SyncFlags) => {
      const config = loadConfig(opts.config);
      const file = config.path ? basename(config.path) : 'hindsight.yaml';
      const chosen = pickSources(config.sources, names, config.path === null ? null : file);
      for (const source of chosen) readCredentials(source);
      const dbPath = resolveDbPath(opts.db);
      const db = await openDatabase(dbPath);
      // Ctrl-C stops the requests, and the run is logged as failed; committed batches stay.
      const controller = new AbortController();
      const interrupt = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', interrupt);
      const failures: unknown[] = [];
      try {
        for (const source of chosen) {
          const progress = syncProgress();
          try {
            const summary = await syncSource(db.connection, source, {
              // server/config.ts validated the status words against STATUSES; its type says string.
              full: opts.full ?? false, scheme: config.scheme as Partial<Scheme>, onProgress: progress.onProgress, http: { signal: controller.signal },
            });
            progress.stop();
            console.log(describeSync(summary, dbPath));
          } catch (error) {
            progress.stop();
            if (chosen.length === 1) throw error;
            console.error(reasonOf(error));
            failures.push(error);
          }
          if (controller.signal.aborted) break;
        }
      } finally {
        process.removeListener('SIGINT', interrupt);
        db.close();
      }
      if (failures.length > 0) throw new Error(`${failures.length} of ${chosen.length} sources failed (see above); the others are up to date.`);
    });
}

function pickSources(sources: SourceConfig[], names: string[], file: string | null): SourceConfig[] {
  if (sources.length === 0) {
    throw new InputError(file === null
      ? 'No hindsight.yaml here and no --config given; sources to sync are configured under "sources:" in that file.'
      : `${file}: no sources configured; add a "sources:" list to sync from.`);
  }
  if (names.length === 0) return sources;
  return names.map((name) => {
    const source = sources.find((candidate) => candidate.name === name);
    if (!source) throw new InputError(`${name}: no such source in ${file}; configured: ${sources.map((s) => s.name).join(', ')}.`);
    return source;
  });
}
