// Makes sure the browser tests have a Chromium to drive, before vitest starts.
// Hazard: playwright's own browser download does not work on these machines, and a browser
// test that silently skips proves nothing, so we install Debian's `chromium` when we can
// (running as root) and otherwise stop with the exact command to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM_PATH = process.env.HINDSIGHT_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

function run(cmd) {
  const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`"${cmd}" failed with exit code ${r.status}`);
}

if (!existsSync(CHROMIUM_PATH)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${CHROMIUM_PATH}; the browser tests need it. Run: sudo sh -c '${INSTALL}'`);
    process.exit(1);
  }
  console.log(`Chromium is missing at ${CHROMIUM_PATH}; installing Debian's chromium (${INSTALL}) ...`);
  run(INSTALL);
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`apt-get finished but ${CHROMIUM_PATH} is still missing; install Chromium there or set HINDSIGHT_CHROMIUM.`);
    process.exit(1);
  }
}
