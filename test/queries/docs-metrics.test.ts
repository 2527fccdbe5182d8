/** docs/metrics.md is generated from the catalog; this fails while the committed page is stale. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS_DOC, renderMetricsReference } from '../../docs/generate-metrics.ts';
import { METRICS } from '../../queries/metrics/catalog.ts';

describe('docs/metrics.md', () => {
  it('matches the catalog (regenerate with `npx tsx docs/generate-metrics.ts`)', () => {
    expect(readFileSync(METRICS_DOC, 'utf8'), 'docs/metrics.md is out of date: run `npx tsx docs/generate-metrics.ts`').toBe(renderMetricsReference());
  });

  it('lists every metric with its definition', () => {
    const page = renderMetricsReference();
    for (const metric of METRICS) {
      expect(page).toContain(`| \`${metric.id}\` |`);
      expect(page).toContain(metric.definition.replaceAll('|', '\\|'));
    }
  });
});
