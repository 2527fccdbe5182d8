// Reads GET /api/incidents — an Arrow IPC stream — batch by batch, so the first rows show while
// the rest arrive. The Arrow schema comes from the server (declared from DuckDB's column
// types): timestamps arrive as timestamps (epoch ms here), counts as integers, never guessed.
// A stream cut short (the server failed mid-way) rejects: a short list is never shown as whole.
// apache-arrow is loaded on first use (its own chunk): the Overview, the page opened most, never
// lists incidents, so it does not wait for Arrow's code to download and compile.
import type { RecordBatch, Table } from 'apache-arrow';
import { ApiError, client, metricsQuery, readJson, send, type ApiOptions, type MetricsParams } from './api.ts';

export interface IncidentsParams extends Omit<MetricsParams, 'metric' | 'by' | 'grain'> {
  /** The metric whose population to list; default: the whole cohort. */
  metric?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
  q?: string;
  limit?: number;
}

export interface IncidentsProgress {
  table: Table;
  /** Rows the server said it would send (its header), or null if it did not say. */
  expected: number | null;
  done: boolean;
}

export const ROW_COUNT_HEADER = 'Hindsight-Row-Count';

export function incidentsUrl(params: IncidentsParams, options: ApiOptions = {}): string {
  const { metric: _metric, ...common } = metricsQuery({ ...params, metric: [] });
  const query: Record<string, string | string[]> = { ...common };
  if (params.metric) query.metric = params.metric;
  if (params.sort) query.sort = params.sort;
  if (params.dir) query.dir = params.dir;
  if (params.q) query.q = params.q;
  if (params.limit) query.limit = String(params.limit);
  return client(options).api.incidents.$url({ query }).toString();
}

/** Streams the list; `onProgress` gets the growing table after each batch and once at the end. */
export async function streamIncidents(
  params: IncidentsParams,
  onProgress: (progress: IncidentsProgress) => void,
  options: ApiOptions = {},
): Promise<Table> {
  const url = incidentsUrl(params, options);
  const response = await send(() => (options.fetch ?? fetch)(url, { signal: options.signal ?? null }));
  if (!response.ok) {
    await readJson(response); // throws the server's sentence
    throw new ApiError(`The API answered ${response.status}.`, response.status);
  }
  const header = (response as Response).headers?.get(ROW_COUNT_HEADER);
  const expected = header ? Number(header) : null;
  const body = (response as Response).body;
  if (!body) throw new ApiError('The API sent no rows (empty body).', response.status);
  const arrow = await import('apache-arrow');
  const reader = await arrow.RecordBatchReader.from(body);
  const batches: RecordBatch[] = [];
  let table: Table = new arrow.Table(reader.schema);
  for await (const batch of reader) {
    batches.push(batch);
    table = new arrow.Table(batches);
    onProgress({ table, expected, done: false });
  }
  if (batches.length === 0) table = new arrow.Table(reader.schema);
  if (expected !== null && table.numRows !== expected) {
    throw new ApiError(`The incident list stopped after ${table.numRows} of ${expected} rows; reload to try again.`, 0);
  }
  onProgress({ table, expected, done: true });
  return table;
}
