/** GET /api/export in every format on a real DuckDB file, read back by the tools people use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tableFromIPC, Type, type TimestampMicrosecond } from 'apache-arrow';
import { writeFileSync } from 'node:fs';
import { openDatabase, type Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import { seed, type Row } from '../queries/golden/seed.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
let db: Database;
let app: ReturnType<typeof createApp>;
const TRICKY = 'Disk full, "again"\non db-1 — café';

beforeAll(async () => {
  const rows: Row[] = Array.from({ length: 30 }, (_, i) => {
    const opened = Date.parse(`2026-10-${String(i + 1).padStart(2, '0')}T08:00:00Z`);
    return {
      external_id: `INC-${i}`, title: i === 0 ? TRICKY : `incident ${i}`, severity: i % 3 === 0 ? 'SEV1' : 'SEV2',
      opened_at: new Date(opened).toISOString(), acknowledged_at: new Date(opened + 300_000).toISOString(),
      resolved_at: i === 29 ? null : new Date(opened + (3600 + i * 60) * 1000).toISOString(),
    };
  });
  db = await openDatabase(dir.path('export.duckdb'));
  await seed(db.connection, { incidents: rows });
  app = createApp({ db, webRoot: null, log: { info() {}, error() {} }, now: () => new Date('2026-11-15T00:00:00Z') });
});
afterAll(() => {
  db.close();
  dir.remove();
});

const QUERY = 'metric=mttr&filter=severity=SEV1&from=2026-10-01&to=2026-11-01';

/** RFC 4180 parser for the round trip (quoted fields may hold commas, quotes, CR and LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  return rows;
}

describe('GET /api/export', () => {
  it('CSV: RFC 4180 quoting, UTF-8 with BOM, a file name stating scope and period', async () => {
    const res = await app.request(`/api/export?${QUERY}&format=csv&bom=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hindsight-incidents-mttr-SEV1-2026-10.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]).toContain('value');
    const titles = rows.slice(1).map((r) => r[rows[0]!.indexOf('title')]);
    expect(titles[0]).toBe(TRICKY);
    const opened = rows[1]![rows[0]!.indexOf('opened_at')];
    expect(opened).toBe('2026-10-01T08:00:00.000Z');
    expect(Number(rows[1]![rows[0]!.indexOf('value')])).toBe(3600);
  });

  it('CSV: CRLF rows in the list order, plain numbers, NULL as an empty field, ISO UTC timestamps', async () => {
    const res = await app.request('/api/export?from=2026-10-01&to=2026-11-01&format=csv&sort=opened_at&dir=desc');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('source,external_id,title,service,team,severity,status,opened_at,acknowledged_at,resolved_at,is_drill,reopen_count,escalation_count,assignee,url');
    const rows = parseCsv(text);
    const head = rows[0]!;
    const at = (row: string[], name: string) => row[head.indexOf(name)];
    expect(rows.length - 1).toBe(30);
    // dir=desc: newest first, so INC-29 (opened 2026-10-30, never resolved) leads.
    expect(rows.slice(1).map((r) => at(r, 'external_id'))).toEqual(Array.from({ length: 30 }, (_, i) => `INC-${29 - i}`));
    expect(at(rows[1]!, 'resolved_at')).toBe('');
    expect(at(rows[1]!, 'opened_at')).toBe('2026-10-30T08:00:00.000Z');
    expect(at(rows[1]!, 'acknowledged_at')).toBe('2026-10-30T08:05:00.000Z');
    expect(at(rows[2]!, 'resolved_at')).toBe('2026-10-29T09:28:00.000Z'); // INC-28: 3600 + 28 × 60 s
    expect(at(rows[1]!, 'is_drill')).toBe('false');
    expect(at(rows[1]!, 'reopen_count')).toBe('0');
  });

  it('CSV: a duration population writes whole seconds as plain integers', async () => {
    const text = await (await app.request(`/api/export?${QUERY}&format=csv`)).text();
    const rows = parseCsv(text);
    const values = rows.slice(1).map((r) => r[rows[0]!.indexOf('value')]);
    // SEV1 are i = 0, 3, …, 27, oldest first; each took 3600 + i × 60 seconds.
    expect(values).toEqual(Array.from({ length: 10 }, (_, k) => String(3600 + k * 3 * 60)));
  });

  it("holds exactly the metric's n rows (compared with /api/metrics)", async () => {
    const metrics = await (await app.request(`/api/metrics?${QUERY}`)).json();
    const n = metrics.rows[0].mttr_n;
    expect(n).toBe(10); // i = 0, 3, …, 27: ten SEV1 incidents, all resolved
    const res = await app.request(`/api/export?${QUERY}&format=csv`);
    expect(Number(res.headers.get('hindsight-row-count'))).toBe(n);
    expect(parseCsv(await res.text()).length - 1).toBe(n);
  });

  it('XLSX: dates are date cells, durations numbers with a duration format', async () => {
    const res = await app.request(`/api/export?${QUERY}&format=xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Incidents')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(11);
    const opened = sheet.getRow(2).getCell(col('opened_at (UTC)'));
    expect(opened.type).toBe(ExcelJS.ValueType.Date);
    expect((opened.value as Date).toISOString()).toBe('2026-10-01T08:00:00.000Z');
    const value = sheet.getRow(2).getCell(col('value (duration)'));
    expect(value.numFmt).toBe('[h]:mm:ss');
    // The file stores a number of days; exceljs's reader turns any number whose format has time
    // parts into a Date from Excel's epoch, so undo that to get the stored number back.
    const stored = value.value instanceof Date ? (value.value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : value.value;
    expect(typeof stored).toBe('number');
    expect(stored as number).toBeCloseTo(3600 / 86_400, 10);
    expect(sheet.getRow(2).getCell(col('title')).value).toBe(TRICKY);
  });

  it('Parquet: read back by DuckDB with TIMESTAMP WITH TIME ZONE kept', async () => {
    const res = await app.request(`/api/export?${QUERY}&format=parquet`);
    expect(res.status).toBe(200);
    const file = dir.path('back.parquet');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const types = await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    const byName = Object.fromEntries(types.getRowObjectsJson().map((r) => [r.column_name, r.column_type]));
    expect(byName.opened_at).toBe('TIMESTAMP WITH TIME ZONE');
    expect(byName.value).toBe('DOUBLE');
    const back = await db.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n, min(title) AS first FROM read_parquet('${file}') WHERE external_id = 'INC-0'`);
    expect(back.getRowObjectsJson()[0]).toEqual({ n: 1, first: TRICKY });
  });

  it('Arrow: read back by apache-arrow with a UTC timestamp type', async () => {
    const res = await app.request(`/api/export?${QUERY}&format=arrow`);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(10);
    const field = table.schema.fields.find((f) => f.name === 'opened_at')!;
    expect(field.type.typeId).toBe(Type.Timestamp);
    expect((field.type as TimestampMicrosecond).timezone).toBe('UTC');
    expect(table.getChild('title')!.get(0)).toBe(TRICKY);
  });

  it('bad input is a 400 with one sentence', async () => {
    const res = await app.request('/api/export?format=pdf');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'format must be one of csv, xlsx, parquet, arrow, got "pdf".' });
  });
});
