/**
 * `hindsight serve`: opens the database (loading the committed demo data when it holds no
 * incidents, and saying so), and serves the app on host:port. Returns a handle so tests can run
 * the real server on an ephemeral port and close it.
 */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../queries/db.ts';
import { countIncidents } from '../queries/incidents.ts';
import { importDemoSet } from '../ingest/demo-set.ts';
import { createApp } from './app.ts';
import { trackInFlight } from './in-flight.ts';
import type { HindsightConfig } from './config.ts';
import type { Logger } from './deps.ts';

export const DEMO_DIR = fileURLToPath(new URL('../fixtures/demo/', import.meta.url));
export const DEMO_CSV = `${DEMO_DIR}incidents.csv`;
export const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));
export const DEMO_SOURCE = 'demo';

export interface ServeOptions {
  dbPath: string;
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1: the dashboard is not exposed beyond this machine unless asked. */
  host?: string;
  webRoot?: string | null;
  /** Load the demo data into an empty database (default true). */
  demo?: boolean;
  log: Logger;
  /** hindsight.yaml as loaded; default: the built-in defaults. */
  config?: HindsightConfig;
}

export interface RunningServer {
  url: string;
  incidents: number;
  demoLoaded: boolean;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const db = await openDatabase(options.dbPath);
  let demoLoaded = false;
  try {
    if ((options.demo ?? true) && (await countIncidents(db.connection)) === 0) {
      await importDemoSet(db.connection, DEMO_DIR, DEMO_SOURCE);
      demoLoaded = true;
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const incidents = await countIncidents(db.connection);
  const app = createApp({
    db, webRoot: options.webRoot === undefined ? WEB_ROOT : options.webRoot, log: options.log, ...(options.config ? { config: options.config } : {}),
  });

  const inFlight = trackInFlight((request) => app.fetch(request));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: (request: Request) => inFlight.fetch(request), port: options.port ?? 8080, hostname: host }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      db.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} on ${host} is already in use; pass --port to choose another.`, { cause: error })
          : error,
      );
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    incidents,
    demoLoaded,
    close: async () => {
      // Stop taking connections, let every answer (and streamed body) finish, then close the
      // database: closing it under a running query aborts the process.
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await inFlight.idle();
      db.close();
      await closed;
    },
  };
}
