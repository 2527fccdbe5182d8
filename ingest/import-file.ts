/**
 * `hindsight import`: one file through a profile's stage step, the shared typing step, and
 * into `incidents` (and `incident_events`) in one transaction, recorded in `import_runs`.
 *
 * Bad input (missing file, not CSV/JSON, missing required column, unknown zone) throws
 * InputError before anything is written, and any failure after that rolls the file back, so the
 * data is exactly as it was. Records with unusable values are kept, flagged and counted.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { existsSync, statSync } from 'node:fs';
import { bumpDataVersion } from '../queries/data-version.ts';
import { InputError } from '../queries/errors.ts';
import { inTransaction } from '../queries/transaction.ts';
import { replaceTimelines, upsertActionItems, upsertIncidents, type UpsertCounts } from './load.ts';
import { DEFAULT_SOURCE } from './profiles/generic/options.ts';
import { PROFILES, PROFILE_NAMES } from './profiles/index.ts';
import type { ImportContext } from './profiles/types.ts';
import { capMemory, IMPORT_MEMORY_LIMIT } from './memory-cap.ts';
import { recordRun } from './runs.ts';
import { buildScheme, type Scheme } from './scheme.ts';
import { dropSchemeTables, loadSchemeTables } from './scheme-tables.ts';
import { planDates, scanSource, timestampReader, type ScanInput, type SourceScan } from './date-plans.ts';
import { confirmSample, isDuplicateKey, PLAN_SAMPLE_RECORDS, proposedPlans, SampleRefuted, sampleIsUsable } from './first-import.ts';
import { checkDateFormat, nullMarkersValue, resolveTimeZone, type DateColumnPlan } from './dates/index.ts';
import { flagCounts, hasIncidents, rejections } from './import-counts.ts';
import { numberParams } from './params.ts';
import { TARGETS } from './targets.ts';
import { TARGET_NAMES, type Target } from './targets.ts';
import { typedActionItemsSql, typedEventsSql } from './typing-followups.ts';
import { cleanedTextSql, typedIncidentsSql } from './typing.ts';

export interface ImportOptions {
  file: string;
  profile: string;
  /** incidents.source for every row; defaults to the profile's name ("generic" for generic). */
  source?: string | undefined;
  /** What the file holds (--into). Default incidents. */
  into?: Target;
  /** Source column or dotted JSON path → target field (--map, --map-file). Default none. */
  map?: Record<string, string>;
  /** IANA zone that naive timestamps are read in. Default UTC. */
  tz?: string | undefined;
  /** strptime format overriding date detection. Default: detect. */
  dateFormat?: string | null | undefined;
  /** Injected clock: the import time written to imported_at / updated_at. */
  now?: () => Date;
  /** Severity and status words that override the defaults and the profile's (hindsight.yaml). */
  scheme?: Partial<Scheme>;
  /** Test seam: runs inside the transaction after the rows are written, before commit. */
  beforeCommit?: () => Promise<void> | void;
  /**
   * Runs inside the transaction after the rows are written, before commit: a sync writes the
   * cursor the file covers here, so data and cursor commit (or roll back) together. Default none.
   */
  inTransaction?: (connection: DuckDBConnection) => Promise<void>;
  /**
   * Each incident's rows in the file are its whole known history (a ServiceNow sync with its
   * audit): a profile that reads event logs reads the file as one even when no incident has a
   * second row, so an incident without changes has counted none (0) rather than unknown counts,
   * whatever else shares its batch. Default false.
   */
  wholeHistory?: boolean;
  /** Record the run in import_runs. Default true; a sync logs one run for all its files itself. */
  logRun?: boolean;
  /**
   * Records a large CSV's first import plans its dates and counts its ids from before writing;
   * the rest is checked against the stored rows (first-import.ts). Default PLAN_SAMPLE_RECORDS.
   */
  planSample?: number;
  /**
   * DuckDB's memory cap while the import runs (memory-cap.ts), e.g. '1GiB'; null leaves it as it
   * is. Default IMPORT_MEMORY_LIMIT (1 GiB), never raising a lower cap.
   */
  memoryLimit?: string | null;
}

export interface ImportSummary extends UpsertCounts {
  file: string;
  source: string;
  profile: string;
  into: Target;
  /** Records read from the file. */
  records: number;
  /** Records that repeated an earlier id in the same file (the last one was kept). */
  duplicates: number;
  /** Records stored with at least one quality flag. */
  flagged: number;
  /** flag → number of stored records carrying it. */
  flags: Record<string, number>;
  /** Timeline events stored, and events that could not be (no id, unreadable time, unknown kind). */
  events: number;
  eventsRejected: number;
  /** Why events were rejected → count, with up to three example record numbers each. */
  rejected: Record<string, { count: number; examples: number[] }>;
  runId: number;
}

const STAGE = 'hs_import_stage';
const EVENTS = 'hs_import_events';
const TYPED = 'hs_import_typed';
const TYPED_EVENTS = 'hs_import_typed_events';

export async function importFile(connection: DuckDBConnection, options: ImportOptions): Promise<ImportSummary> {
  const profile = PROFILES[options.profile];
  if (!profile) throw new InputError(`Unknown profile "${options.profile}"; available profiles: ${PROFILE_NAMES.join(', ')}.`);
  const source = options.source ?? (options.profile === 'generic' ? DEFAULT_SOURCE : options.profile);
  if (source.trim() === '') throw new InputError('--source must not be empty.');
  const into = options.into ?? 'incidents';
  if (!TARGET_NAMES.includes(into)) throw new InputError(`Unknown --into "${into}"; allowed: ${TARGET_NAMES.join(', ')}.`);
  if (!(profile.targets ?? ['incidents']).includes(into)) {
    throw new InputError(`The ${profile.name} profile reads incidents only; import ${into} with --profile generic.`);
  }
  if (!existsSync(options.file)) throw new InputError(`${options.file}: no such file.`);
  if (!statSync(options.file).isFile()) throw new InputError(`${options.file}: not a file.`);
  const tz = await resolveTimeZone(connection, options.tz ?? 'UTC');
  const dateFormat = options.dateFormat ?? null;
  if (dateFormat) await checkDateFormat(connection, dateFormat);
  const startedAt = (options.now ?? (() => new Date()))();
  const restoreMemory = await capMemory(connection, options.memoryLimit === undefined ? IMPORT_MEMORY_LIMIT : options.memoryLimit);
  const scheme = buildScheme(profile.scheme, options.scheme);
  const context: ImportContext = {
    connection, file: options.file, target: into, map: options.map ?? {}, tz, dateFormat, scheme,
    stageTable: STAGE, eventsTable: EVENTS, wholeHistory: options.wholeHistory ?? false,
  };

  try {
    const staged = await profile.stage(context);
    await loadSchemeTables(connection, scheme);
    const values = { ...staged.values, source, imported_at: startedAt.toISOString(), tz, markers: nullMarkersValue(), date_format: dateFormat };
    const readError = staged.readError ?? ((error: unknown) => error);
    const run = async (sql: string) => {
      const numbered = numberParams(sql, values);
      try {
        return await connection.run(numbered.sql, numbered.params);
      } catch (error) {
        throw readError(error);
      }
    };
    // One pass over the source before anything is written: date formats (an ambiguous column
    // stops the import here), the record count, and whether any id repeats. A first import of a
    // file read straight from disk (staged.records null) scans only its first records and checks
    // the rest once they are written (first-import.ts), so the file is read once, not twice.
    const scanInput: ScanInput = {
      file: options.file, from: staged.table, fields: staged.fields, dateFormat, values: staged.values, readError, known: staged.plans,
      timestamps: into === 'events' ? [] : TARGETS[into].timestamps,
      id: into === 'incidents' && staged.fields.external_id ? cleanedTextSql(staged.fields.external_id) : null,
    };
    const sample = into === 'incidents' && staged.records === null && dateFormat === null && !(await hasIncidents(connection, source))
      ? (options.planSample ?? PLAN_SAMPLE_RECORDS) : null;
    let scan = await scanSource(connection, { ...scanInput, sample });
    if (!scan.complete) scan = sampleIsUsable(scan) ? proposedPlans(scan) : await scanSource(connection, scanInput);
    const typingFor = (plans: Map<string, DateColumnPlan>) => ({
      stagingTable: staged.table, raw: staged.raw, record: staged.record, fields: staged.fields,
      timestamp: timestampReader(plans, dateFormat, new Set(staged.plans?.keys() ?? [])), sourceParam: '$source', importedAtParam: '$imported_at',
    });
    const typing = typingFor(scan.plans);
    if (into === 'action_items') await run(`CREATE OR REPLACE TEMP TABLE ${TYPED} AS ${typedActionItemsSql(typing)}`);
    const eventsSource = into === 'events' ? staged.table : staged.events;
    if (eventsSource) {
      const fields = into === 'events' ? staged.fields : EVENT_COLUMNS;
      const eventPlans = await planDates(connection, options.file, eventsSource, fields, ['occurred_at'], dateFormat);
      await run(`CREATE OR REPLACE TEMP TABLE ${TYPED_EVENTS} AS ${typedEventsSql({ ...typing, stagingTable: eventsSource, fields, timestamp: timestampReader(eventPlans, dateFormat) })}`);
    }

    // One transaction per write: a failure anywhere, the COMMIT included, leaves the database as it was.
    const write = (scan: SourceScan): Promise<ImportSummary> =>
      inTransaction(connection, async () => {
        let counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
        let flagged = 0;
        let flags: Record<string, number> = {};
        if (into === 'incidents') {
          const unique = scan.ids !== null && scan.ids.present === scan.records && scan.ids.distinct === scan.records;
          const incidents = typedIncidentsSql({ ...typingFor(scan.plans), unique, custom: staged.custom, profileFlags: staged.profileFlags });
          if (!(await hasIncidents(connection, source))) {
            // A source's first import (and every batch of a first sync's first page) has nothing to
            // compare with: the typed rows go straight in, streamed, never held in a temporary
            // table. Checked inside the transaction, so no other writer can add rows in between.
            let result: Awaited<ReturnType<typeof run>>;
            try {
              result = await run(`INSERT INTO incidents BY NAME SELECT * EXCLUDE (record) FROM (${incidents})`);
            } catch (error) {
              if (!scan.complete && isDuplicateKey(error)) throw new SampleRefuted('an id repeats');
              throw error;
            }
            counts = { inserted: result.rowsChanged, updated: 0, unchanged: 0 };
            ({ flagged, flags } = await flagCounts(connection, 'incidents', 'source = $1', [source]));
            if (!scan.complete) await confirmSample(scan.plans, flags, () => scanSource(connection, scanInput));
          } else {
            // Another writer stored this source since the sample was taken: an upsert needs the whole file's plans.
            if (!scan.complete) throw new SampleRefuted('the source is no longer empty');
            await run(`CREATE OR REPLACE TEMP TABLE ${TYPED} AS ${incidents}`);
            counts = await upsertIncidents(connection, TYPED);
            ({ flagged, flags } = await flagCounts(connection, TYPED));
          }
        } else if (into === 'action_items') {
          counts = await upsertActionItems(connection, TYPED);
          ({ flagged, flags } = await flagCounts(connection, TYPED));
        }
        const timelines = eventsSource ? await replaceTimelines(connection, TYPED_EVENTS, '__problem IS NULL') : { events: 0, rewritten: 0 };
        const events = timelines.events;
        const rejected = eventsSource ? await rejections(connection, TYPED_EVENTS) : {};
        const eventsRejected = Object.values(rejected).reduce((sum, r) => sum + r.count, 0);
        // A confirmed sample counted only its own rows; every record of the file is a stored row.
        const records = staged.records ?? (scan.complete ? scan.records : counts.inserted);
        const stored = into === 'events' ? records : counts.inserted + counts.updated + counts.unchanged;
        const summary: ImportSummary = {
          file: options.file, source, profile: options.profile, into, records,
          duplicates: records - stored, ...counts, flagged, flags,
          events, eventsRejected, rejected, runId: 0,
        };
        if (options.logRun !== false) {
          summary.runId = await recordRun(connection, {
            ...summary, target: into === 'action_items' ? 'action_items' : 'incidents', status: 'ok', startedAt, files: [options.file],
          });
        }
        if (counts.inserted + counts.updated + timelines.rewritten > 0) await bumpDataVersion(connection);
        await options.inTransaction?.(connection);
        await options.beforeCommit?.();
        return summary;
      });
    try {
      return await write(scan);
    } catch (error) {
      if (!(error instanceof SampleRefuted)) throw error;
      scan = await scanSource(connection, scanInput);
      return await write(scan);
    }
  } catch (error) {
    // The failed run is logged after the rollback so the Sources view can show it; the data
    // tables are untouched.
    if (options.logRun !== false) {
      await recordRun(connection, {
        source, profile: options.profile, status: 'failed', startedAt, files: [options.file],
        error: error instanceof Error ? error.message : String(error),
      });
    }
    throw error;
  } finally {
    for (const table of [STAGE, EVENTS, TYPED, TYPED_EVENTS]) await connection.run(`DROP TABLE IF EXISTS ${table}`);
    await dropSchemeTables(connection);
    await restoreMemory();
  }
}

/** Columns of a profile's staged events table (stage-records.ts), as typing fields. */
const EVENT_COLUMNS = Object.fromEntries(
  ['external_id', 'occurred_at', 'kind', 'from_value', 'to_value', 'level', 'actor', 'body'].map((name) => [name, name]),
);
