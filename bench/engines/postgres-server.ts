/**
 * A throwaway PostgreSQL 15 server for the bench: initdb in a temp directory, started with
 * pg_ctl on 127.0.0.1 and a free port (TCP only, no socket file), trust auth, stopped and
 * deleted at the end. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user (created by Debian's package) through runuser, in a directory handed to that user.
 *
 * Hazard: a server left running would hold its port and memory after the bench, so stopping
 * is registered on exit and on SIGINT/SIGTERM too, not only in the caller's finally.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const PG_INSTALL = "sudo sh -c 'apt-get update && apt-get install -y postgresql'";
const isRoot = () => process.getuid?.() === 0;

export interface PgServer {
  host: string;
  port: number;
  user: string;
  /** Runs a shell-free command as the server's OS user (for checks like `test -r FILE`). */
  runAs(command: string, args: string[]): { status: number | null };
  stop(): void;
}

/**
 * Makes sure PostgreSQL 15 is installed: as root it installs Debian's package; otherwise it
 * returns the sentence to show (and the figure is skipped). Returns null when ready.
 */
export function ensurePostgresInstalled(): string | null {
  if (existsSync(`${PG_BIN}/initdb`)) return null;
  if (!isRoot()) return `PostgreSQL 15 is not installed (${PG_BIN}/initdb is missing); install it with: ${PG_INSTALL}`;
  console.log(`metrics: PostgreSQL 15 is missing; installing Debian's postgresql (apt-get install -y postgresql) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', 'postgresql'], { stdio: 'inherit', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env }); // stale package lists are the usual cause
    result = spawnSync('apt-get', ['install', '-y', 'postgresql'], { stdio: 'inherit', env });
  }
  if (existsSync(`${PG_BIN}/initdb`)) return null;
  return `Installing PostgreSQL failed (apt-get exit ${result.status}) and ${PG_BIN}/initdb is still missing; install it with: ${PG_INSTALL}`;
}

export async function startPostgres(settings: Record<string, string>): Promise<PgServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-pg-'));
  const osUser = isRoot() ? 'postgres' : null;
  if (osUser) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(spawnSync('id', [flag, osUser], { encoding: 'utf8' }).stdout.trim()));
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`Running as root needs the OS user "${osUser}" (Debian's postgresql package creates it).`);
    chownSync(dir, uid!, gid!);
  }
  const runAs = (command: string, args: string[]) =>
    osUser ? spawnSync('runuser', ['-u', osUser, '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
  const must = (what: string, command: string, args: string[]) => {
    const result = runAs(command, args);
    if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${(result.stderr || result.stdout || '').trim().slice(-500)}`);
  };

  const data = join(dir, 'data');
  const port = await freePort();
  must('initdb', `${PG_BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '--locale=C', '--encoding=UTF8', '--no-sync']);
  const options = [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-c unix_socket_directories=''`,
    ...Object.entries(settings).map(([key, value]) => `-c ${key}=${value}`)].join(' ');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    runAs(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal); // handlers are off now: die of the same signal
  };
  process.on('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    must('pg_ctl start', `${PG_BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  return { host: '127.0.0.1', port, user: 'postgres', runAs, stop };
}

/** A port nobody listens on right now (the kernel picks it; released just before PG binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
