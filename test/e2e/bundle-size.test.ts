/**
 * The production JavaScript budget: at most 250 KB gzipped for everything the dashboard loads
 * (issue: "production JavaScript ≤ 250 KB gzipped"). Measured on the real build in web/dist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../web/build-if-needed.ts';

const ASSETS = fileURLToPath(new URL('../../web/dist/assets/', import.meta.url));
export const BUDGET_BYTES = 250 * 1024;

beforeAll(async () => {
  await ensureWebBuilt();
});

it('ships at most 250 KB of gzipped JavaScript', () => {
  const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
  expect(files.length).toBeGreaterThan(0);
  const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(`${ASSETS}${f}`), { level: 9 }).length, 0);
  console.info(`production JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${files.length} file(s)`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
});
