/** What the sync figure's two children (the fake vendor and the sync) agree on. */
export const BENCH_USER = 'bench.sync';
export const BENCH_PASSWORD = 'bench-pa55';
/** The environment the sync reads its credentials from (never the real environment's). */
export const BENCH_ENV = { BENCH_SN_USER: BENCH_USER, BENCH_SN_PASSWORD: BENCH_PASSWORD };

/** The source as hindsight.yaml would hold it: defaults for everything the issue doesn't fix. */
export function benchSource(url: string): Record<string, unknown> {
  return { name: 'bench-servicenow', type: 'servicenow', base_url: url, auth: { user_env: 'BENCH_SN_USER', token_env: 'BENCH_SN_PASSWORD' } };
}
