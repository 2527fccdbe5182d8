/**
 * One report's metric statements, shared between its sections and the comparison engine: a
 * section that asks for numbers of a scope, window and breakdown that an earlier statement of
 * the same report already answered (every metric it asks among that statement's) gets those
 * rows instead of a second scan. At 1,000,000 incidents each such statement costs a scan of the
 * month (cadence and recurrence a timeline or window pass too), and the report asks the same
 * ones for the numbers it shows and for the verdict beside them.
 *
 * Why reusing a statement's rows for a subset of its metrics is exact: the compiler gives each
 * metric its own aggregate over the same `filtered` rows, and what base adds for one metric is a
 * LEFT JOIN per incident (or a column), so a metric's columns do not depend on which other
 * metrics share its statement — the contract GET /api/metrics keeps for `metric=a,b`.
 *
 * Hazard: it lives for one report only. Rows are read at one moment; a reader kept across data
 * versions would answer with stale numbers.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import type { MetricRequest } from '../request.ts';
import { runMetrics, type MetricRow } from '../run.ts';

/** Everything of a request but its metrics that reaches the compiled statement. */
function scopeKey(request: MetricRequest): string {
  const { metrics: _metrics, filters, ...rest } = request;
  const ordered = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([ordered, Object.entries(filters).sort(([a], [b]) => a.localeCompare(b))]);
}

export class ReportReader {
  private readonly statements: Array<{ key: string; metrics: ReadonlySet<string>; rows: Promise<MetricRow[]> }> = [];

  constructor(readonly connection: DuckDBConnection, readonly context: CompileContext) {}

  /**
   * runMetrics(request).rows, from this report's earlier statement when one covers it. Entries
   * are registered before their statement finishes, so sections started together share too.
   */
  rows(request: MetricRequest): Promise<MetricRow[]> {
    const key = scopeKey(request);
    const covering = this.statements.find((statement) => statement.key === key && request.metrics.every((id) => statement.metrics.has(id)));
    if (covering) return covering.rows;
    const rows = runMetrics(this.connection, request, this.context).then((result) => result.rows);
    this.statements.push({ key, metrics: new Set(request.metrics), rows });
    return rows;
  }
}
