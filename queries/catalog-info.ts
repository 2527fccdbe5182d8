/**
 * The catalog as data for people: what GET /api/metrics/catalog answers, what every response
 * echoes beside its numbers (MetricInfo), and what docs/metrics.md is generated from. One
 * function per view, all reading the declarations in metrics/ — nothing restated by hand.
 */
import { COHORTS, DIMENSIONS, GRAINS, METRICS, findMetric } from './metrics/catalog.ts';
import type { MetricDef } from './metrics/types.ts';
import type { BusinessCalendar } from './compile/context.ts';
import { CLOCKS, type MetricRequest } from './request.ts';

export interface MetricInfo {
  id: string;
  /** The catalog label; for durations on a non-default clock it says which, e.g. 'MTTR (business hours)'. */
  label: string;
  definition: string;
  unit: MetricDef['unit'];
  format: MetricDef['format'];
  lower_is_better: boolean;
  aggregates: string[];
  // The two clock fields are always sent; they are optional in the type only so clients and
  // fixtures written before they existed still type-check (responses add fields, never rename).
  /** Seconds-valued metrics: 'wall' or 'business' (only durations follow the request); null for the rest. */
  clock?: 'wall' | 'business' | null;
  /** Which clock, in words: 'wall clock', 'business hours, on-hold excluded'; null as `clock`. */
  clock_label?: string | null;
}

/**
 * Durations follow the request's clock, and so does the age of open incidents (open_age); the
 * time since the last drill and everything else are wall-clock facts.
 */
export function followsClock(metric: MetricDef): boolean {
  return metric.kind === 'duration' || (metric.kind === 'snapshot' && metric.measure === 'median_age');
}

/** Only durations leave on-hold time out; an age of open incidents still includes it. */
export function followsOnHold(metric: MetricDef): boolean {
  return metric.kind === 'duration';
}

export function clockLabel(request: Pick<MetricRequest, 'clock' | 'exclude_on_hold'>): string {
  const clock = request.clock === 'business' ? 'business hours' : 'wall clock';
  return request.exclude_on_hold ? `${clock}, on-hold excluded` : clock;
}

export function metricInfo(id: string, request: Pick<MetricRequest, 'clock' | 'exclude_on_hold'>): MetricInfo {
  const metric = findMetric(id);
  if (!metric) throw new Error(`Metric "${id}" is not in the catalog.`);
  const { label, definition, unit, format, lower_is_better, aggregates } = metric;
  const plain = (request.clock ?? 'wall') === 'wall' && !request.exclude_on_hold;
  const base = { id, definition, unit, format, lower_is_better, aggregates: [...aggregates] };
  if (followsClock(metric)) {
    // Hazard: an age asked for with exclude_on_hold must not be read as hold-free; say it is not.
    const words = followsOnHold(metric) ? clockLabel(request) : `${clockLabel({ clock: request.clock })}${request.exclude_on_hold ? ', on-hold included' : ''}`;
    return { ...base, label: plain ? label : `${label} (${words})`, clock: request.clock ?? 'wall', clock_label: words };
  }
  // The time since the last drill is a wall-clock fact whatever the request asked for: say so
  // when it asked for another clock, so it is not read as business time.
  if (unit === 'seconds') return { ...base, label: plain ? label : `${label} (wall clock)`, clock: 'wall', clock_label: 'wall clock' };
  return { ...base, label, clock: null, clock_label: null };
}

export interface CatalogMetric extends Omit<MetricInfo, 'clock' | 'clock_label' | 'label'> {
  label: string;
  kind: MetricDef['kind'];
  /** What the rows are: incidents (default) or action items. */
  entity: 'incidents' | 'action_items';
  /** Durations: the instants measured between. */
  start: string | null;
  end: string | null;
  /** True for metrics that follow clock=business (durations also exclude_on_hold; open_age does not). */
  follows_clock: boolean;
  /** The row keys a response holds for this metric (`<id>_median`, …). */
  columns: string[];
}

export interface Catalog {
  metrics: CatalogMetric[];
  dimensions: Array<{ id: string; label: string; entities: string[] }>;
  /** Pattern of the open-ended dimension over custom fields. */
  custom_dimension: string;
  grains: readonly string[];
  cohorts: readonly string[];
  clocks: readonly string[];
}

function columnsOf(metric: MetricDef): string[] {
  return metric.aggregates.map((aggregate) => ((metric.kind === 'count' || metric.kind === 'snapshot') && aggregate === 'count' ? metric.id : `${metric.id}_${aggregate}`));
}

export function describeCatalog(): Catalog {
  return {
    metrics: METRICS.map((metric) => ({
      id: metric.id, label: metric.label, definition: metric.definition, unit: metric.unit, format: metric.format,
      lower_is_better: metric.lower_is_better, aggregates: [...metric.aggregates], kind: metric.kind, entity: metric.entity ?? 'incidents',
      start: metric.kind === 'duration' ? metric.start : null, end: metric.kind === 'duration' ? metric.end : null,
      follows_clock: followsClock(metric), columns: columnsOf(metric),
    })),
    dimensions: DIMENSIONS.map((dimension) => ({ id: dimension.id, label: dimension.label, entities: [...(dimension.entities ?? ['incidents', 'action_items'])] })),
    custom_dimension: 'custom.<key>',
    grains: GRAINS,
    cohorts: COHORTS,
    clocks: CLOCKS,
  };
}

/** 'Mon–Fri 09:00–17:00 Europe/London, 2 holidays': how a business clock is shown. */
export function describeCalendar(calendar: BusinessCalendar): string {
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const days = calendar.workdays.map((day) => names[day - 1]).join(', ');
  const compact = days === 'Mon, Tue, Wed, Thu, Fri' ? 'Mon–Fri' : days;
  const holidays = calendar.holidays.length ? `, ${calendar.holidays.length} holiday${calendar.holidays.length > 1 ? 's' : ''}` : '';
  return `${compact} ${calendar.start}–${calendar.end} ${calendar.tz}${holidays}`;
}
