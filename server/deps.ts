/** What the HTTP app needs from the outside, passed in so tests can supply their own. */
import type { Database } from '../queries/db.ts';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface AppDeps {
  db: Database;
  /** Folder holding the built web app (index.html and assets), or null to serve the API only. */
  webRoot: string | null;
  log: Logger;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message) => console.error(message),
};
