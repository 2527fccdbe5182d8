/**
 * What every connector provides (one folder per vendor, the same small files in each:
 * options.ts, reader.ts, connector.ts). A connector only knows its vendor's API: how to page,
 * what a page must look like, and what its cursor means. Storing is shared (sync.ts): records
 * are written as the vendor's own JSON to a temporary file and imported with the vendor's file
 * profile, so the API and a saved export are mapped by the same normaliser.
 */
import type { SourceConfig } from './config.ts';
import type { HttpClient, HttpTuning } from './http.ts';
import type { Credentials } from './secrets.ts';

export interface Page {
  /** Records as the profile reads them (an issue, an incident with its log entries, …). */
  records: unknown[];
  /**
   * The cursor that is safe to commit once this page and every page before it are stored, or
   * null to leave the cursor as it is (pages in the middle of a window).
   */
  cursor: string | null;
  /** Page-level values the batch envelope needs (Jira's field names, the status page). */
  meta?: Record<string, unknown>;
  /** What the vendor says the whole result holds, when it says (X-Total-Count), for progress. */
  total?: number;
}

export interface ReaderContext<S extends SourceConfig> {
  source: S;
  http: HttpClient;
  /** The stored cursor, or null for a full sync (first run, or --full). */
  cursor: string | null;
  /** When this run started (upper bounds, default start dates). */
  now: Date;
  /** Incidents of this source stored as not resolved (Statuspage refreshes those off its list). */
  openIncidentIds(): Promise<string[]>;
  /** A note for the operator (e.g. an incident the vendor no longer has). */
  note(text: string): void;
}

export interface Connector<S extends SourceConfig = SourceConfig> {
  /** The vendor's name in messages ("Jira", "ServiceNow"). */
  vendor: string;
  /** The file profile that maps what the reader fetched. */
  profile: string;
  /** HTTP headers that authenticate (and version) every request. */
  headers(source: S, credentials: Credentials): Record<string, string>;
  /** Per-vendor HTTP tuning on top of the defaults (e.g. GitHub's 60 s minimum rate-limit wait). */
  tuning?: Partial<HttpTuning>;
  read(context: ReaderContext<S>): AsyncIterable<Page>;
  /** Identity of a record: a batch keeps the last copy of each (null: keep every copy). */
  key(record: unknown): string | null;
  /** Whether a batch file holds each incident's whole history (ImportOptions.wholeHistory). Default false. */
  wholeHistory?(source: S): boolean;
  /** The lines of one batch file (NDJSON), as the profile reads them. */
  lines(records: unknown[], meta: Record<string, unknown>, source: S): unknown[];
}
