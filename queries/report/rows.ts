/**
 * The incident rows behind a report: every incident of the period's cohort in scope (what the
 * headline's count counts), with its time to acknowledge and to resolve on the report's clock
 * (the MTTA / MTTR populations' own values, null when not in them). For the XLSX report's
 * incident sheet; a month is bounded, so the rows are read whole.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import { compilePopulation } from '../population.ts';
import type { MetricRequest } from '../request.ts';

export interface ReportIncidentRow {
  source: string;
  external_id: string;
  title: string | null;
  severity: string | null;
  status: string | null;
  service: string | null;
  team: string | null;
  root_cause: string | null;
  assignee: string | null;
  /** Epoch milliseconds (UTC), or null. */
  opened_at: number | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
  /** Seconds, or null when the incident is not in the metric's population (not acknowledged / not resolved). */
  time_to_acknowledge: number | null;
  time_to_resolve: number | null;
  reopen_count: number | null;
  escalation_count: number | null;
  url: string | null;
}

export async function reportIncidentRows(connection: DuckDBConnection, scope: MetricRequest, context: CompileContext): Promise<ReportIncidentRow[]> {
  const read = async (metric: string | null, columns: string) => {
    const population = compilePopulation(scope, metric, context);
    if (population.errors.length || !population.params) throw new Error(`Report rows for ${metric ?? 'count'}: ${population.errors.join(' ')}`);
    return (await connection.runAndReadAll(`${population.ctes}\nSELECT ${columns} FROM population ORDER BY opened_at, source, external_id`, population.params.values)).getRowObjectsJson();
  };
  const ms = (column: string) => `epoch_ms(${column})::DOUBLE AS ${column}`;
  const rows = await read(null, `source, external_id, title, severity, status, service, team, root_cause, assignee, ${ms('opened_at')}, ${ms('acknowledged_at')}, ${ms('resolved_at')}, reopen_count, escalation_count, url`);
  const valuesOf = async (metric: string) => new Map((await read(metric, 'source, external_id, __value')).map((row) => [`${row.source}\u0000${row.external_id}`, Number(row.__value)]));
  const mtta = await valuesOf('mtta');
  const mttr = await valuesOf('mttr');
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rows.map((row) => {
    const key = `${row.source}\u0000${row.external_id}`;
    return {
      source: String(row.source), external_id: String(row.external_id), title: text(row.title), severity: text(row.severity), status: text(row.status),
      service: text(row.service), team: text(row.team), root_cause: text(row.root_cause), assignee: text(row.assignee),
      opened_at: number(row.opened_at), acknowledged_at: number(row.acknowledged_at), resolved_at: number(row.resolved_at),
      time_to_acknowledge: mtta.get(key) ?? null, time_to_resolve: mttr.get(key) ?? null,
      reopen_count: number(row.reopen_count), escalation_count: number(row.escalation_count), url: text(row.url),
    };
  });
}
