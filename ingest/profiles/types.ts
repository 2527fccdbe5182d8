/**
 * What every import profile provides: a `stage` step that reads one file into temporary tables
 * and says which staged expression feeds each canonical field. Typing, quality flags, the
 * upsert, the timeline and the run log are shared (import-file.ts), so a profile only knows its
 * vendor's shape: headers, nesting, status words, event logs.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DateColumnPlan } from '../dates/index.ts';
import type { NamedValues } from '../params.ts';
import type { Scheme } from '../scheme.ts';
import type { Target } from '../targets.ts';

export interface ImportContext {
  connection: DuckDBConnection;
  file: string;
  /** What the file holds (--into): incidents, action_items or events. Only generic takes all three. */
  target: Target;
  /** Source column (CSV header, or dotted JSON path) → target field, from --map / --map-file. */
  map: Record<string, string>;
  /** IANA zone that naive timestamps are read in (default UTC). */
  tz: string;
  /** strptime format that overrides date detection (--date-format), or null. */
  dateFormat: string | null;
  /**
   * The severity and status words in force: defaults, the profile's, then hindsight.yaml's
   * (buildScheme). A profile that classifies statuses itself (Jira's category fallback,
   * ServiceNow's timeline) reads them here, so the user's words count there too.
   */
  scheme: Scheme;
  /** The file holds each incident's whole history (ImportOptions.wholeHistory). */
  wholeHistory: boolean;
  /** Names of the temporary tables the profile may create. */
  stageTable: string;
  eventsTable: string;
}

export interface StagedImport {
  /**
   * Temporary table with `__record` (1-based record number) and `__raw` (JSON) columns, or a
   * FROM item that reads the file itself (then `raw`, `record` and `readError` say how).
   */
  table: string;
  /** Records read from the file (before ids are de-duplicated); null when only reading the file tells (the import counts them). */
  records: number | null;
  /** SQL for the source record as JSON over `table`. Default the `__raw` column. */
  raw?: string;
  /** SQL for the 1-based record number over `table`. Default the `__record` column. */
  record?: string;
  /**
   * Named values the profile's SQL needs bound: the FROM item's (`file` for `read_csv($file, …)`)
   * and the fields' (a status word list). Names must not clash with the import's own (source,
   * imported_at, tz, markers, date_format). Default none.
   */
  values?: NamedValues;
  /** Turns an error of a statement that reads `table` into the profile's one-sentence error. Default: unchanged. */
  readError?: (error: unknown) => unknown;
  /** target field → SQL text expression over `table`; missing fields are NULL. */
  fields: Partial<Record<string, string>>;
  /** SQL expression (JSON) for `custom`, or null. */
  custom: string | null;
  /** SQL expression (VARCHAR[]) of flags the profile raised itself, or null. */
  profileFlags: string | null;
  /** Temporary table of timeline events (stageEventRecords' columns), or null. */
  events: string | null;
  /**
   * Timestamp field → its date plan, for fields the profile proved without SQL (ingest/dates
   * naiveIsoPlan: every value naive ISO text or NULL); the import detects only the others.
   * Default none.
   */
  plans?: ReadonlyMap<string, DateColumnPlan>;
}

export interface Profile {
  name: string;
  description: string;
  /** The vendor's severity and status words, on top of the defaults (ingest/scheme.ts). */
  scheme?: Partial<Scheme>;
  /** Targets the profile can read (default: incidents only). */
  targets?: readonly Target[];
  stage(context: ImportContext): Promise<StagedImport>;
}
