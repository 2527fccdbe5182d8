/**
 * GET /api/incidents (Arrow IPC), /api/incidents/:source/:id and /api/sources against the real
 * server with the demo data. The key guarantee: for every cohort metric over incidents, the
 * list's row count equals that metric's n from GET /api/metrics under the same filters — the
 * list is the population of the number, found through the catalog, not a copy of its SQL.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import-file.ts';
import { openDatabase } from '../../queries/db.ts';
import { METRICS } from '../../queries/metrics/catalog.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { tempDir } from '../helpers/db.ts';
import { DEMO } from './demo-server.ts';

const dir = tempDir();
// The fixtures are still growing: expected counts are read from the demo files, not typed in.
const demoLines = (name: string) => readFileSync(DEMO(name), 'utf8').trim().split('\n').slice(1);

let server: RunningServer;

beforeAll(async () => {
  const dbPath = dir.path('api.duckdb');
  const db = await openDatabase(dbPath);
  for (const [file, into] of [['incidents.csv', 'incidents'], ['events.csv', 'events'], ['action_items.csv', 'action_items']] as const) {
    await importFile(db.connection, { file: DEMO(file), profile: 'generic', source: 'demo', into });
  }
  db.close();
  server = await startServer({ dbPath, port: 0, webRoot: null, log: { info: () => {}, error: (m) => console.error(m) } });
});

afterAll(async () => {
  await server?.close();
  dir.remove();
});

async function list(query: string) {
  const res = await fetch(`${server.url}/api/incidents?${query}`);
  expect(res.status, await (res.status === 200 ? Promise.resolve('') : res.clone().text())).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
  const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  return { table, header: Number(res.headers.get('hindsight-row-count')) };
}

async function metricN(metric: string, query: string): Promise<number> {
  const res = await fetch(`${server.url}/api/metrics?metric=${metric}&${query}`);
  const body = (await res.json()) as { rows: Array<Record<string, number>>; columns: Array<{ name: string; metric?: string; aggregate?: string }> };
  const n = body.columns.find((c) => c.metric === metric && c.aggregate === 'n')!.name;
  return body.rows[0]![n]!;
}

const FILTERS = 'from=2026-03-01&to=2026-09-01&tz=Europe/London&filter=severity=SEV2&filter=severity=SEV3';
const cohortMetrics = METRICS.filter((m) => (m.entity ?? 'incidents') === 'incidents' && m.kind !== 'snapshot').map((m) => m.id);

describe('GET /api/incidents', () => {
  it.each(cohortMetrics)('lists exactly the n incidents behind %s (with filters, range, zone)', async (metric) => {
    const expected = await metricN(metric, FILTERS);
    const { table, header } = await list(`metric=${metric}&${FILTERS}`);
    expect(table.numRows).toBe(expected);
    expect(header).toBe(expected);
  });

  it('lists the whole cohort without a metric, drills only when asked, resolved cohort too', async () => {
    expect((await list('')).table.numRows).toBe(await metricN('count', ''));
    expect((await list('include_drills=true')).table.numRows).toBe(await metricN('count', 'include_drills=true'));
    expect((await list('cohort=resolved&from=2026-01-01&to=2026-02-01')).table.numRows).toBe(await metricN('mttr', 'cohort=resolved&from=2026-01-01&to=2026-02-01'));
  });

  it('follows the request\'s clock: business-hours values, on-hold excluded, same n', async () => {
    const query = 'clock=business&exclude_on_hold=true&from=2026-01-01&to=2026-04-01';
    const { table } = await list(`metric=mttr&${query}`);
    expect(table.numRows).toBe(await metricN('mttr', query));
    const wall = await list('metric=mttr&from=2026-01-01&to=2026-04-01');
    const sum = (t: typeof table) => Array.from(t.getChild('value')!.toArray() as Float64Array).reduce((a, b) => a + b, 0);
    // Business hours are a fraction of the wall-clock week, so the total must shrink.
    expect(sum(table)).toBeLessThan(sum(wall.table));
  });

  it('declares the Arrow schema from DuckDB types: timestamps stay UTC microsecond timestamps', async () => {
    const { table } = await list('metric=mttr&limit=3&sort=opened_at&dir=asc');
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types.opened_at).toBe('Timestamp<MICROSECOND, UTC>');
    expect(types.reopen_count).toBe('Int32');
    expect(types.is_drill).toBe('Bool');
    expect(types.value).toBe('Float64');
    expect(table.numRows).toBe(3);
    // The first demo incident, to the second: opened 2025-06-01T12:46:37Z.
    expect(new Date(table.getChild('opened_at')!.get(0) as number).toISOString()).toBe('2025-06-01T12:46:37.000Z');
    const row = table.get(0)!.toJSON() as { value: number; opened_at: number; resolved_at: number };
    expect(row.value).toBe((row.resolved_at - row.opened_at) / 1000);
  });

  it('sorts and searches on the server', async () => {
    const { table } = await list('metric=mttr&sort=value&dir=desc&q=PAYMENTS');
    const values = Array.from(table.getChild('value')!.toArray() as Float64Array);
    expect(values.length).toBeGreaterThan(10);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const row of table.toArray().slice(0, 20)) expect(JSON.stringify(row.toJSON()).toLowerCase()).toContain('payments');
    // A % in the search is text, not a wildcard.
    expect((await list('q=%25%25%25')).table.numRows).toBe(0);
  });

  it('answers an empty list as a valid Arrow stream with the schema', async () => {
    const { table } = await list('q=no-such-incident-anywhere');
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toContain('opened_at');
  });

  it('refuses snapshot metrics, action-item metrics, unknown sorts and bad input with one sentence', async () => {
    for (const [query, pattern] of [
      ['metric=backlog', /state at the end of each period/],
      ['metric=action_items', /action items/],
      ['sort=raw', /Unknown sort column "raw"; allowed:/],
      ['dir=up', /dir must be asc or desc/],
      ['limit=-1', /limit must be a positive whole number/],
      ['metric=nope', /Unknown metric "nope"/],
    ] as const) {
      const res = await fetch(`${server.url}/api/incidents?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(pattern);
    }
  });
});

describe('GET /api/incidents/:source/:id', () => {
  it('returns the incident, its timeline in order and its action items', async () => {
    const res = await fetch(`${server.url}/api/incidents/demo/INC-00004`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { incident: Record<string, unknown>; events: Array<{ occurred_at: string; kind: string }>; action_items: unknown[] };
    expect(body.incident.external_id).toBe('INC-00004');
    expect(body.incident.opened_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.events.map((e) => e.occurred_at)).toEqual([...body.events.map((e) => e.occurred_at)].sort());
    expect(body.action_items.length).toBe(demoLines('action_items.csv').filter((l) => l.split(',')[1] === 'INC-00004').length);
    expect(body.action_items.length).toBeGreaterThan(0);
  });

  it('answers 404 with a sentence for an unknown incident', async () => {
    const res = await fetch(`${server.url}/api/incidents/demo/NOPE-1`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('No incident NOPE-1 from source demo.');
  });
});

describe('GET /api/sources', () => {
  it('lists each source with its counts and the import runs', async () => {
    const body = (await (await fetch(`${server.url}/api/sources`)).json()) as {
      sources: Array<{ source: string; incidents: number; action_items: number; last_run_status: string }>;
      runs: Array<{ target: string; status: string; rows_read: number }>;
    };
    expect(body.sources).toEqual([expect.objectContaining({ source: 'demo', incidents: 2000, action_items: demoLines('action_items.csv').length, last_run_status: 'ok' })]);
    expect(body.runs.length).toBe(3);
    expect(body.runs.every((r) => r.status === 'ok')).toBe(true);
  });
});
