/**
 * The project type-checks: TypeScript strict over the Node code and tests, and svelte-check over
 * the dashboard (which also checks the typed API client against the server's AppType).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(bin: string, args: string[]) {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(`../../node_modules/${bin}`, import.meta.url)), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('type checks', () => {
  it('tsc --noEmit passes over queries, ingest, server, fixtures, tests and bench', () => {
    const result = run('typescript/bin/tsc', ['--noEmit', '-p', '.']);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);

  it('svelte-check passes over the dashboard without warnings', () => {
    const result = run('svelte-check/bin/svelte-check', ['--tsconfig', './web/tsconfig.json', '--fail-on-warnings', '--output', 'machine']);
    expect(result.output).toMatch(/COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
    expect(result.code).toBe(0);
  }, 180_000);
});
