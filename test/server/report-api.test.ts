/** GET /api/report and `hindsight report`: formats, file names, the JSON model, and 400 / exit 2 on bad input. */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { H, M, NOW, reportFixture } from '../queries/golden/report-fixture.ts';
import { hindsight } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';

const CONFIG = 'targets:\n  - { severity: SEV1, target: "90% acknowledged within 3m" }\n';

describe('GET /api/report', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await reportFixture();
    app = createApp({ db, webRoot: null, log: { info() {}, error() {} }, now: () => NOW, config: parseConfig(CONFIG, null) });
  });
  afterAll(() => db.close());

  it('answers the model as JSON by default, with the configured targets', async () => {
    const res = await app.request('/api/report?period=2026-10');
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.title).toBe('Incident review, October 2026');
    const mttr = report.headline.data.metrics.find((m: { metric: string; aggregate: string }) => m.metric === 'mttr' && m.aggregate === 'median');
    expect([mttr.value, mttr.previous]).toEqual([1.5 * H, 4.5 * H]);
    expect(report.headline.data.targets.map((t: { text: string }) => t.text)).toEqual(['SEV1: 90% acknowledged within 3m']);
  });

  it('numbers equal GET /api/metrics for the same scope and window', async () => {
    const report = await (await app.request('/api/report?period=2026-10&filter=service=api')).json();
    const metrics = await (await app.request('/api/metrics?metric=count,mtta&from=2026-10-01&to=2026-11-01&filter=service=api')).json();
    const headline = (id: string) => report.headline.data.metrics.find((m: { metric: string }) => m.metric === id).value;
    expect([headline('count'), headline('mtta')]).toEqual([metrics.rows[0].count, metrics.rows[0].mtta_median]);
    expect([headline('count'), headline('mtta')]).toEqual([2, 7.5 * M]);
  });

  it('serves each file format with its type and a name stating the scope and period', async () => {
    const html = await app.request('/api/report?period=2026-10&format=html&filter=severity=SEV1');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe('inline; filename="hindsight-report-2026-10-SEV1.html"');
    expect(await html.text()).toContain('<h1>Incident review, October 2026</h1>');
    const md = await app.request('/api/report?period=2026-Q4&format=md');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="hindsight-report-2026-Q4.md"');
    expect(await md.text()).toMatch(/^# Incident review, Q4 2026\n/);
    const xlsx = await app.request('/api/report?from=2026-10-01&to=2026-10-15&format=xlsx&include_drills=true');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="hindsight-report-2026-10-01_to_2026-10-15-with-drills.xlsx"');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('400 with one sentence per problem', async () => {
    const bad = await app.request('/api/report?period=2026-13&format=docx');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('period must look like 2026-10 (a month), 2026-Q4 (a quarter) or 2026 (a year), got "2026-13". Unknown format "docx"; allowed formats: html, pdf, md, xlsx, json.');
    const none = await app.request('/api/report');
    expect(none.status).toBe(400);
    expect((await none.json()).error).toBe('Give either period (e.g. 2026-10, 2026-Q4 or 2026) or from and to; got neither.');
  });
});

describe('hindsight report', () => {
  const dir = tempDir();
  const file = dir.path('report.duckdb');
  beforeAll(async () => (await reportFixture(file)).close());
  afterAll(() => dir.remove());

  it('writes the file named for its scope and period, or to --out', () => {
    const out = dir.path('october.md');
    const result = hindsight(['report', '--period', '2026-10', '--format', 'md', '--out', out, '--db', file]);
    expect(result.code).toBe(0);
    expect(result.stderr.trim()).toBe(`Wrote Incident review, October 2026 (5 incidents in scope) to ${out}.`);
    expect(readFileSync(out, 'utf8')).toContain('| MTTA | 10m | 28m |');
    const stdout = hindsight(['report', '--period', '2026-10', '--format', 'html', '--out', '-', '--db', file, '--filter', 'service=db']);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toContain('Scope: service = db, drills excluded');
  }, 120_000);

  it('exit 2 with one sentence on bad input, and no file written', () => {
    const out = dir.path('never.pdf');
    const pdf = hindsight(['report', '--period', '2026-10', '--format', 'pdf', '--out', out, '--db', file, '--chromium', '/nonexistent/chromium']);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toMatch(/^A PDF report needs Chromium, and there is none at \/nonexistent\/chromium\./);
    expect(existsSync(out)).toBe(false);
    const bad = hindsight(['report', '--period', 'last-month', '--format', 'md', '--db', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('period must look like 2026-10 (a month), 2026-Q4 (a quarter) or 2026 (a year), got "last-month".');
  }, 120_000);
});
