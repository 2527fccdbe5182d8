/**
 * `hindsight sync` as the operator runs it: the real command in a child process, hindsight.yaml
 * in a temp folder, a fake status page on 127.0.0.1. The child is spawned asynchronously: the
 * fake answers from this process, which a synchronous spawn would block.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statuspageData } from '../../fakes/records/statuspage.ts';
import { startFake, type RunningFake } from '../../fakes/serve.ts';
import { createStatuspageFake } from '../../fakes/statuspage.ts';
import { syncProgress } from '../../../server/commands/sync-progress.ts';
import { BIN, ROOT } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/db.ts';

const dir = tempDir();
let server: RunningFake;

beforeAll(async () => {
  const data = statuspageData();
  server = await startFake(createStatuspageFake(data.incidents, data.page).app);
  writeFileSync(dir.path('hindsight.yaml'), [
    'sources:',
    '  - name: githubstatus',
    '    type: statuspage',
    `    base_url: ${server.url}`,
    '  - name: ops-jira',
    '    type: jira',
    '    base_url: https://example.atlassian.net',
    '    auth: { user_env: HS_TEST_JIRA_USER, token_env: HS_TEST_JIRA_TOKEN }',
    '    jql: project = OPS',
    '',
  ].join('\n'));
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function run(args: string[]): Promise<Run> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('hindsight sync', { timeout: 120_000 }, () => {
  // Each spawn costs seconds on a busy machine: the incremental second run and the env checks
  // are covered in-process (statuspage.test.ts, config.test.ts).
  it('syncs the named source and prints one summary line (not a terminal)', async () => {
    const db = dir.path('sync.duckdb');
    const first = await run(['sync', 'githubstatus', '--config', dir.path('hindsight.yaml'), '--db', db]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Synced githubstatus (Statuspage, full) into ${db}: 1 page, 8 records, 8 new, 0 updated, 0 unchanged, 32 timeline events.\n`);
  });

  it('stops with one sentence for an unknown source, before touching the database', async () => {
    const unknown = await run(['sync', 'nope', '--config', dir.path('hindsight.yaml'), '--db', dir.path('never.duckdb')]);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: 'nope: no such source in hindsight.yaml; configured: githubstatus, ops-jira.\n' });
  });

  it('says in one sentence that `hindsight serve` holds the database', async () => {
    const db = dir.path('served.duckdb');
    const serve = start(['serve', '--db', db, '--port', '0', '--no-demo']);
    try {
      await new Promise<void>((resolve, reject) => {
        serve.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Hindsight on') && resolve());
        serve.once('exit', (code) => reject(new Error(`hindsight serve exited with ${code}`)));
      });
      const held = await run(['sync', 'githubstatus', '--config', dir.path('hindsight.yaml'), '--db', db]);
      expect(held.code).toBe(1);
      expect(held.stderr).toBe(`The database ${db} is held by another process (is \`hindsight serve\` running?); stop it or use --db to choose another file.\n`);
    } finally {
      serve.kill('SIGTERM');
    }
  });
});

describe('progress on a terminal', () => {
  it('draws pages, records (of the total the vendor states) and waits on one line, and clears it', () => {
    let screen = '';
    const progress = syncProgress({ isTTY: true, write: (text: string) => (screen += text) });
    progress.onProgress({ kind: 'page', source: 'itsm', pages: 2, records: 200, total: 1130 });
    progress.onProgress({ kind: 'wait', source: 'itsm', ms: 30_000, reason: 'rate_limit' });
    expect(screen.split('\r\x1b[K').at(-1)).toBe('itsm: 2 pages, 200 of 1,130 records · waiting 30 s (rate limit)');
    progress.stop();
    expect(screen.endsWith('\r\x1b[K')).toBe(true);
    const quiet = syncProgress({ isTTY: false, write: () => expect.unreachable('nothing is drawn off a terminal') });
    quiet.onProgress({ kind: 'page', source: 'itsm', pages: 1, records: 100, total: null });
  });
});
