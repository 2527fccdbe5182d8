/**
 * Runs a bench TypeScript file in its own Node process and reads back the one JSON line it
 * prints last. Used where the work must not share this process: peak RSS is per process (an
 * import measured here would report the fixtures' memory too), and the 5M fixture needs a
 * bigger heap than the default ~4 GiB.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Absolute, so the child finds tsx whatever its working directory is.
const TSX = import.meta.resolve('tsx');
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ChildOptions {
  /** --max-old-space-size for the child; default: Node's own limit. */
  maxOldSpaceMiB?: number;
}

export function runTsChild<T>(script: string, args: string[], options: ChildOptions = {}): Promise<T> {
  const nodeArgs = ['--import', TSX];
  if (options.maxOldSpaceMiB) nodeArgs.push(`--max-old-space-size=${options.maxOldSpaceMiB}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${signal ?? `code ${code}`}${last ? `: ${last}` : ''}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(new Error(`${script} printed no JSON result (last line: "${last.slice(0, 200)}")`, { cause: error }));
      }
    });
  });
}
