// Builds the dashboard (web/dist) only when it is missing or older than its sources, so
// `npm start` is fast when nothing changed and never serves a stale dashboard when something
// did. Sources: everything under web/src, web/index.html, web/vite.config.ts, and the root
// package-lock.json (a dependency upgrade changes the bundle too).
// Run as a script (`tsx web/build-if-needed.ts`) it prints one line; tests import ensureWebBuilt.
// Hazard: mtimes only; a file restored with an old mtime (e.g. `git checkout` of an old
// version) can be missed. Delete web/dist, or run `npm run build`, to force a build.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
export const CONFIG_FILE = join(WEB_DIR, 'vite.config.ts');
export const BUILT_INDEX = join(WEB_DIR, 'dist', 'index.html');
const SOURCES = [join(WEB_DIR, 'src'), join(WEB_DIR, 'index.html'), CONFIG_FILE, join(WEB_DIR, '..', 'package-lock.json')];

/** Newest mtime (ms) among a file or every file under a folder; 0 when it does not exist. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when web/dist/index.html is missing or older than any source. */
export function isWebBuildStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

/** Runs Vite's build when isWebBuildStale(); resolves with whether it built. Build errors reject. */
export async function ensureWebBuilt(): Promise<{ built: boolean }> {
  if (!isWebBuildStale()) return { built: false };
  await build({ configFile: CONFIG_FILE, logLevel: 'warn' });
  return { built: true };
}

function isMain(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isMain()) {
  try {
    const { built } = await ensureWebBuilt();
    console.log(built ? 'web app built' : 'web app up to date');
  } catch (error) {
    console.error(`Building the web app (web/) failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
