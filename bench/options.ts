/**
 * Command-line options of `npm run bench`. Bad options stop the run with exit 2 and one
 * sentence, before anything slow starts.
 *
 *   --incidents N   one fixture of N incidents instead of the default sizes (quick runs); also
 *                   the sync figure's record count (default 50,000)
 *   --large         add the 5,000,000-incident fixture to the defaults (100,000 and 1,000,000)
 *   --only LIST     comma-separated families: import, metrics, overview, cache, http, web, sync, report (default: all)
 *   --runs N        timed runs per figure after the warm-up; at least 3 (default 3)
 */
import { parseArgs } from 'node:util';

export const FAMILIES = ['import', 'metrics', 'overview', 'cache', 'http', 'web', 'sync', 'report'] as const;
export type Family = (typeof FAMILIES)[number];

export const DEFAULT_SIZES = [100_000, 1_000_000] as const;
export const LARGE_SIZE = 5_000_000;
/** The size the engine goals (≥ 12×, ≥ 5×) are stated at in issue 9. */
export const GOAL_SIZE = 1_000_000;
/** The seed every fixture is generated with, so every run measures the same bytes. */
export const SEED = 1;

export interface BenchOptions {
  /** Fixture sizes, smallest first. */
  sizes: number[];
  families: Family[];
  runs: number;
  /** The command line as typed after `npm run bench --`, for the report. */
  argv: string[];
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const values = readArgs(argv);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 3) usage(`--runs must be an integer ≥ 3 (the median needs at least 3 runs), got "${values.runs}".`);

  let sizes: number[] = values.large ? [...DEFAULT_SIZES, LARGE_SIZE] : [...DEFAULT_SIZES];
  if (values.incidents !== undefined) {
    const n = Number(values.incidents.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) usage(`--incidents must be a positive integer, got "${values.incidents}".`);
    sizes = [n];
  }

  let families: Family[] = [...FAMILIES];
  if (values.only !== undefined) {
    const asked = values.only.split(',').map((part) => part.trim()).filter(Boolean);
    const unknown = asked.filter((family) => !(FAMILIES as readonly string[]).includes(family));
    if (asked.length === 0 || unknown.length > 0) {
      usage(`--only takes a comma-separated list of ${FAMILIES.join(', ')}; got "${values.only}".`);
    }
    families = FAMILIES.filter((family) => asked.includes(family));
  }
  return { sizes, families, runs, argv };
}

function readArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        incidents: { type: 'string' },
        large: { type: 'boolean', default: false },
        only: { type: 'string' },
        runs: { type: 'string', default: '3' },
      },
    }).values;
  } catch (error) {
    // parseArgs signals an unknown or malformed option with a TypeError carrying a good message.
    if (error instanceof TypeError) usage(`${error.message.replace(/\.?$/, '.')} Options: --incidents N, --large, --only ${FAMILIES.join(',')}, --runs N.`);
    throw error;
  }
}

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}
