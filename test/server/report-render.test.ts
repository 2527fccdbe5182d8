// The report's files, rendered from the hand-checked fixture model (test/queries/report.test.ts):
// the HTML is self-contained (nothing fetched when a real Chromium opens it offline), the PDF is
// a valid PDF whose text (read back with pdf.js) carries the numbers, the XLSX reopens with
// exceljs with durations as numbers in a duration format, and the Markdown escapes table cells.
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { buildReport, parseReportRequest, type Report } from '../../queries/report.ts';
import { reportIncidentRows, type ReportIncidentRow } from '../../queries/report/rows.ts';
import { renderReportHtml } from '../../server/report/html.ts';
import { renderReportMarkdown } from '../../server/report/markdown.ts';
import { htmlToPdf } from '../../server/report/pdf.ts';
import { renderReportXlsx } from '../../server/report/xlsx.ts';
import { H, M, NOW, TARGETS, reportFixture } from '../queries/golden/report-fixture.ts';
import { CHROMIUM, launchChromium } from '../helpers/browser.ts';

let db: Database;
let report: Report;
let rows: ReportIncidentRow[];
let html: string;

beforeAll(async () => {
  db = await reportFixture();
  const { report: request } = parseReportRequest({ period: '2026-10' });
  report = await buildReport(db.connection, request!, TARGETS, defaultContext(NOW));
  rows = await reportIncidentRows(db.connection, request!.scope, defaultContext(NOW));
  html = renderReportHtml(report);
});
afterAll(() => db.close());

/**
 * The number a cell stores. exceljs's reader turns any number whose format has time parts into a
 * Date from Excel's epoch (1899-12-30), so that is undone; a string would stay a string and fail.
 */
function stored(cell: ExcelJS.Cell): unknown {
  return cell.value instanceof Date ? (cell.value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : cell.value;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages.join('\n');
}

describe('HTML report', () => {
  it('holds every section, the three charts as inline SVG, and the numbers', () => {
    for (const title of ['Headline', 'Trends', 'Severity mix', 'Top services', 'Top root causes', 'Recurring incidents', 'Notable incidents', 'Escalations', 'Drills and real incidents', 'Communication', 'Post-incident reviews and action items', 'Process changes', 'Data quality']) {
      expect(html).toContain(`<h2>${title}</h2>`);
    }
    expect(html.match(/<svg[\s>]/g)).toHaveLength(3);
    // MTTA 10m vs 27m 30s → shown as "10m" and "28m"; MTTR 1h 30m vs 4h 30m.
    expect(html).toMatch(/<td>MTTA<\/td><td class="num">10m<\/td><td class="num">28m<\/td>/);
    expect(html).toMatch(/<td>MTTR<\/td><td class="num">1h 30m<\/td><td class="num">4h 30m<\/td><td class="num">−67%<\/td>/);
    expect(html).toContain('Gateway | 502s for Zoë');
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('references nothing outside itself: no scripts, stylesheets, images, fonts or frames', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    // Every src / href is a plain link to a ticket (anchors are navigation, not resources).
    const attributes = [...html.matchAll(/\s(src|href|xlink:href)="([^"]*)"/g)];
    expect(attributes.every(([, name, value]) => name === 'href' && /^https:\/\/tickets\.example\.com\//.test(value!))).toBe(true);
  });

  it('opens in a real browser with the network cut and asks for nothing', async () => {
    const browser = await launchChromium();
    try {
      const requests: string[] = [];
      await browser.context.route('**/*', (route) => { requests.push(route.request().url()); return route.abort(); });
      const page = await browser.context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe('Incident review, October 2026');
      expect(await page.locator('figure svg').count()).toBe(3);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('PDF report', () => {
  it('is a PDF whose text has the title, the sections and the numbers', async () => {
    const pdf = await htmlToPdf(html, CHROMIUM);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Incident review, October 2026');
    expect(text).toContain('Notable incidents');
    expect(text).toMatch(/MTTA\s+10m\s+28m/);
    expect(text).toContain('Zoë');
  }, 60_000);

  it('without Chromium: one sentence that says how to install it and offers HTML', async () => {
    await expect(htmlToPdf(html, '/nonexistent/chromium')).rejects.toThrow(/^A PDF report needs Chromium, and there is none at \/nonexistent\/chromium\. Install it .*--format html/);
  });
});

describe('XLSX report', () => {
  it('reopens with a sheet per section; durations are numbers with a duration format; dates are dates', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await renderReportXlsx(report, rows) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Headline', 'Targets', 'Trends', 'Severity mix', 'Top services', 'Top root causes', 'Recurring', 'Notable', 'Escalations', 'Drills', 'Communication', 'Reviews', 'Action items by owner', 'Process changes', 'Data quality', 'Incidents']);
    const headline = workbook.getWorksheet('Headline')!;
    const mtta = headline.getRows(1, headline.rowCount)!.find((row) => row.getCell(1).value === 'MTTA')!;
    expect(typeof stored(mtta.getCell(2))).toBe('number');
    expect(stored(mtta.getCell(2)) as number).toBeCloseTo((10 * M) / 86_400, 9);
    expect(mtta.getCell(2).numFmt).toBe('[h]:mm:ss');
    expect(mtta.getCell(7).value).toBe('not enough data');
    const reopen = headline.getRows(1, headline.rowCount)!.find((row) => row.getCell(1).value === 'Reopen rate')!;
    expect([reopen.getCell(2).value, reopen.getCell(2).numFmt]).toEqual([0.25, '0.0%']);

    const incidents = workbook.getWorksheet('Incidents')!;
    // Title row, header row, then the five October incidents.
    expect(incidents.rowCount).toBe(2 + 5);
    const header = (incidents.getRow(2).values as unknown[]).slice(1);
    const a1 = incidents.getRow(3);
    expect(a1.getCell(header.indexOf('Id') + 1).value).toBe('A1');
    const opened = a1.getCell(header.indexOf('Opened (UTC)') + 1).value;
    expect(opened).toBeInstanceOf(Date);
    expect((opened as Date).toISOString()).toBe('2026-10-02T10:00:00.000Z');
    const ttr = a1.getCell(header.indexOf('Time to resolve') + 1);
    expect(ttr.numFmt).toBe('[h]:mm:ss');
    expect(stored(ttr) as number).toBeCloseTo((2 * H) / 86_400, 9);
  });
});

describe('Markdown report', () => {
  it('tables with escaped cells and every definition', () => {
    const md = renderReportMarkdown(report);
    expect(md.startsWith('# Incident review, October 2026\n')).toBe(true);
    expect(md).toContain('| MTTA | 10m | 28m | −64% | not enough data (n = 5 vs 2)');
    expect(md).toContain('Gateway \\| 502s for Zoë');
    expect(md).toContain('> **MTTR**: Time to resolve');
    expect(md).toContain('| api | deploy | 2 | [A1](https://tickets.example.com/A1), [A2](https://tickets.example.com/A2) |');
  });
});
