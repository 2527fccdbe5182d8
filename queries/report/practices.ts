/**
 * The practice sections of the review — escalations, drills against real incidents,
 * communication cadence, post-incident reviews and action items — each a set of catalog metrics
 * for the period (with the previous period and a verdict where the engine tests it) and, where
 * a breakdown says more than a total, the catalog metric by a dimension.
 */
import type { Window } from '../compare/periods.ts';
import type { MetricRequest } from '../request.ts';
import { metricInfo } from '../catalog-info.ts';
import { keysOf, windowRows } from './changes.ts';
import type { ReportReader } from './reader.ts';
import type { ActionItemOwner, DrillRow } from './types.ts';

type Windows = { current: Window; previous: Window };
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Drills and real incidents of the period side by side, and how long since each team last drilled (at the period's end). */
export async function drillComparison(reader: ReportReader, scope: MetricRequest, windows: Windows) {
  const metrics = ['mtta', 'mttr', 'ttfu'];
  // Drills are the point of this section, so they are read whatever the report's scope says.
  const [rows, teams] = await Promise.all([
    windowRows(reader, { ...scope, include_drills: true }, windows.current, [...metrics, 'count'], ['drill']),
    windowRows(reader, scope, windows.current, ['since_drill'], ['team']),
  ]);
  const side = (kind: string) => rows.find((row) => row.drill === kind);
  const drillRows: DrillRow[] = metrics.map((metric) => {
    const keys = keysOf(metric);
    const info = metricInfo(metric, scope);
    return {
      metric, label: info.label, format: info.format,
      real: num(side('real')?.[keys.value]), real_n: num(side('real')?.[keys.n]) ?? 0,
      drill: num(side('drill')?.[keys.value]), drill_n: num(side('drill')?.[keys.n]) ?? 0,
    };
  });
  return {
    rows: drillRows,
    drill_count: num(side('drill')?.count) ?? 0,
    teams: teams.map((row) => ({ team: row.team === null ? null : String(row.team), since_drill: num(row.since_drill) }))
      .sort((a, b) => (b.since_drill ?? Infinity) - (a.since_drill ?? Infinity) || String(a.team).localeCompare(String(b.team))),
  };
}

/** Cadence compliance per severity in the period (only severities the communication plan covers have an n). */
export async function cadenceBySeverity(reader: ReportReader, scope: MetricRequest, windows: Windows) {
  const rows = await windowRows(reader, scope, windows.current, ['cadence'], ['severity']);
  return rows
    .filter((row) => (num(row.cadence_n) ?? 0) > 0)
    .map((row) => ({ severity: row.severity === null ? null : String(row.severity), rate: num(row.cadence_rate), count: num(row.cadence_count) ?? 0, n: num(row.cadence_n) ?? 0 }));
}

/** Action items created in the period per owner: how many, how many overdue now, how many done; and each owner's open items at the period's end. */
export async function actionItemOwners(reader: ReportReader, scope: MetricRequest, windows: Windows): Promise<ActionItemOwner[]> {
  // Action items have their own dimensions (owner); incident filters other than these still apply through the join.
  const rows = await windowRows(reader, scope, windows.current, ['action_items', 'action_items_overdue', 'action_items_on_time', 'action_items_open'], ['owner']);
  return rows
    .map((row) => ({
      owner: row.owner === null ? null : String(row.owner),
      opened: num(row.action_items) ?? 0,
      overdue: num(row.action_items_overdue_count) ?? 0,
      completed: num(row.action_items_on_time_n) ?? 0,
      open_at_end: num(row.action_items_open) ?? 0,
    }))
    .filter((row) => row.opened > 0 || row.open_at_end > 0)
    .sort((a, b) => b.overdue - a.overdue || b.open_at_end - a.open_at_end || String(a.owner).localeCompare(String(b.owner)));
}
