/**
 * `hindsight import`: one file through a profile's reader and normaliser into `incidents`.
 * Bad input (missing file, not CSV, missing required column) throws InputError before anything
 * is written; records with unusable values are kept, flagged and counted in the summary.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../queries/errors.ts';
import { upsertIncidents, type UpsertCounts } from './load.ts';
import { DEFAULT_SOURCE } from './profiles/generic/options.ts';
import { normaliseGeneric } from './profiles/generic/normalise.ts';
import { stageCsv } from './profiles/generic/reader.ts';

export const PROFILES = ['generic'] as const;
export type Profile = (typeof PROFILES)[number];

export interface ImportOptions {
  file: string;
  profile: string;
  /** incidents.source for every row; defaults to the profile's name. */
  source?: string | undefined;
  /** Injected clock: the import time written to imported_at / updated_at. */
  now?: () => Date;
}

export interface ImportSummary extends UpsertCounts {
  file: string;
  source: string;
  /** Records read from the file. */
  records: number;
  /** Records that repeated an earlier id in the same file (the last one was kept). */
  duplicates: number;
  /** Records stored with at least one quality flag. */
  flagged: number;
  /** flag → number of stored records carrying it. */
  flags: Record<string, number>;
}

const STAGE = 'hs_import_stage';
const NORMALISED = 'hs_import_normalised';

export async function importFile(connection: DuckDBConnection, options: ImportOptions): Promise<ImportSummary> {
  if (!(PROFILES as readonly string[]).includes(options.profile)) {
    throw new InputError(`Unknown profile "${options.profile}"; available profiles: ${PROFILES.join(', ')}.`);
  }
  const source = options.source ?? DEFAULT_SOURCE;
  if (source.trim() === '') throw new InputError('--source must not be empty.');
  const now = (options.now ?? (() => new Date()))();
  try {
    const staged = await stageCsv(connection, options.file, STAGE);
    const normalised = normaliseGeneric({ stagingTable: STAGE, columns: staged.columns });
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${NORMALISED} AS ${normalised.sql}`, [source, now.toISOString()]);
    const counts = await upsertIncidents(connection, NORMALISED);
    const quality = await connection.runAndReadAll(`
      SELECT flag, CAST(count(*) AS INTEGER) AS n FROM (SELECT unnest(quality_flags) AS flag FROM ${NORMALISED})
      GROUP BY flag ORDER BY flag`);
    const flagged = await connection.runAndReadAll(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM ${NORMALISED} WHERE len(quality_flags) > 0`,
    );
    const stored = counts.inserted + counts.updated + counts.unchanged;
    return {
      file: options.file,
      source,
      records: staged.records,
      duplicates: staged.records - stored,
      ...counts,
      flagged: Number(flagged.getRowObjectsJson()[0]?.n ?? 0),
      flags: Object.fromEntries(quality.getRowObjectsJson().map((row) => [String(row.flag), Number(row.n)])),
    };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${STAGE}`);
    await connection.run(`DROP TABLE IF EXISTS ${NORMALISED}`);
  }
}
