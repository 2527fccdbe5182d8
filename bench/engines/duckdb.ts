/**
 * The two DuckDB engines over one Hindsight database file: Hindsight itself (the compiled
 * catalog through parseMetricRequest + runMetrics, exactly what GET /api/metrics runs) and the
 * hand-written SQL of hand-written.ts. Both read rows into JS the same way
 * (getRowObjectsJson), so the timing difference is the SQL's.
 */
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest, type MetricRequest } from '../../queries/request.ts';
import { runMetrics } from '../../queries/run.ts';
import { HAND_WRITTEN_OVERVIEW } from '../hand-written.ts';
import { OVERVIEW_QUERIES, type Row } from '../overview.ts';
import type { Engine } from './engine.ts';

export async function duckdbVersion(db: Database): Promise<string> {
  const rows = (await db.connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
  return String(rows[0]?.v ?? 'unknown');
}

export async function hindsightEngine(db: Database): Promise<Engine> {
  const tiles = request(OVERVIEW_QUERIES.tiles);
  const trend = request(OVERVIEW_QUERIES.trend);
  return {
    label: 'Hindsight (compiled catalog on DuckDB)',
    version: await duckdbVersion(db),
    loadMs: null,
    async overview() {
      // One after the other, like every other engine here (one connection, one query at a time).
      const t = await runMetrics(db.connection, tiles);
      const m = await runMetrics(db.connection, trend);
      return { tiles: t.rows[0] ?? {}, trend: m.rows };
    },
    close: async () => {},
  };
}

export async function handWrittenEngine(db: Database): Promise<Engine> {
  const read = async (sql: string) => (await db.connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
  return {
    label: 'hand-written DuckDB SQL',
    version: await duckdbVersion(db),
    loadMs: null,
    async overview() {
      const tiles = await read(HAND_WRITTEN_OVERVIEW.tiles);
      const trend = await read(HAND_WRITTEN_OVERVIEW.trend);
      return { tiles: tiles[0] ?? {}, trend };
    },
    close: async () => {},
  };
}

function request(query: string): MetricRequest {
  const { request: parsed, errors } = parseMetricRequest(Object.fromEntries(new URLSearchParams(query)));
  if (errors.length > 0) throw new Error(`The overview request "${query}" no longer parses: ${errors.join(' ')}`);
  return parsed;
}
