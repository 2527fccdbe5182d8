/**
 * Loads a demo set — incidents.csv, events.csv and action_items.csv in one folder, as
 * `hindsight demo` and fixtures/demo/ lay them out — through the ordinary generic import, so
 * the demo exercises exactly the path users' files take.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { importFile, type ImportSummary } from './import-file.ts';
import type { Target } from './targets.ts';

export const DEMO_FILES: ReadonlyArray<{ file: string; into: Target }> = [
  { file: 'incidents.csv', into: 'incidents' },
  { file: 'events.csv', into: 'events' },
  { file: 'action_items.csv', into: 'action_items' },
];

/** Imports whichever of the three files exist (incidents.csv must). */
export async function importDemoSet(connection: DuckDBConnection, dir: string, source: string, now?: () => Date): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = [];
  for (const { file, into } of DEMO_FILES) {
    const path = join(dir, file);
    if (into !== 'incidents' && !existsSync(path)) continue;
    summaries.push(await importFile(connection, { file: path, profile: 'generic', source, into, ...(now ? { now } : {}) }));
  }
  return summaries;
}
