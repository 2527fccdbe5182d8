/** What the HTTP app needs from the outside, passed in so tests can supply their own. */
import type { Database } from '../queries/db.ts';
import type { HindsightConfig } from './config.ts';
import type { JobStatus } from './scheduler/scheduler.ts';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface AppDeps {
  db: Database;
  /** Folder holding the built web app (index.html and assets), or null to serve the API only. */
  webRoot: string | null;
  log: Logger;
  /** hindsight.yaml as loaded (server/config.ts). Default: the built-in defaults. */
  config?: HindsightConfig;
  /** The clock for "now" in metrics (backlog, overdue, censoring). Default: the system clock. */
  now?: () => Date;
  /** The scheduler's jobs as they stand (next run, running, skipped), for GET /api/sources. Default: none. */
  jobs?: () => JobStatus[];
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message) => console.error(message),
};
