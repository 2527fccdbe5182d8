/**
 * `hindsight serve [--port 8080] [--host 127.0.0.1] [--db PATH] [--config FILE]` — also runs the
 * scheduled syncs of the sources in the config (`schedule:`); a scheduled source whose
 * credentials are not in the environment stops it before the database is opened (exit 2).
 */
import { Command, InvalidArgumentError } from 'commander';
import { resolveDbPath } from '../../queries/db.ts';
import { loadConfig } from '../config.ts';
import { configOption, dbOption } from './options.ts';
import { consoleLogger } from '../deps.ts';
import { startServer } from '../serve.ts';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535.');
  }
  return port;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the dashboard and the API (loads the demo data into an empty database)')
    .option('--port <n>', 'port to listen on', parsePort, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--no-demo', 'do not load the demo data into an empty database')
    .addOption(dbOption())
    .addOption(configOption())
    .action(async (opts: { port: number; host: string; demo: boolean; db?: string; config?: string }) => {
      const config = loadConfig(opts.config); // before opening the database: a bad file changes nothing
      const dbPath = resolveDbPath(opts.db);
      const server = await startServer({ dbPath, port: opts.port, host: opts.host, demo: opts.demo, log: consoleLogger, config });
      const count = server.incidents.toLocaleString('en-US');
      const what = server.demoLoaded ? `demo data: ${count} incidents` : `${count} incidents in ${dbPath}`;
      console.log(`Hindsight on ${server.url} (${what})`);
      if (server.demoLoaded) console.log(`The database ${dbPath} was empty, so the demo data was loaded into it.`);
      for (const job of server.scheduler.status()) {
        console.log(`Scheduled ${job.name}: "${job.cron}" (${job.timezone}), next at ${job.next_run_at ?? 'never (the pattern has no further time)'}.`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close().then(resolve, (error: unknown) => {
            console.error(`Error while stopping: ${String(error)}`);
            resolve();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
