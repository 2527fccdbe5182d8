/**
 * An engine computes the overview set (overview.ts) its own way. Loading happens when the
 * engine is created, outside the timing; `overview()` is what the metrics figure times.
 */
import type { Overview } from '../overview.ts';

export interface Engine {
  /** How the report names it: "PostgreSQL 15", "SQLite (better-sqlite3)", ... */
  readonly label: string;
  /** Engine version for the report's machine section, e.g. "15.14". */
  readonly version: string;
  /** How long loading the fixture took, or null when it was loaded elsewhere. */
  readonly loadMs: number | null;
  overview(): Promise<Overview>;
  close(): Promise<void>;
}
