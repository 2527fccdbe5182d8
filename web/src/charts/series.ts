// The common input of the Explore and Overview charts: one value per (period or category,
// series, facet), each with its n. Pure helpers to pick the series worth colouring.

export interface SeriesPoint {
  /** Period start 'YYYY-MM-DD' (time charts) or a category label (bar charts without a grain). */
  x: string;
  /** Series (colour) label; '' when there is one series. */
  series: string;
  /** Facet (row) label; '' when not faceted. */
  facet: string;
  /** The headline value; null when n = 0 (a gap, never a zero). */
  value: number | null;
  n: number;
  /** Where a click goes (the incidents behind this value); null: not clickable. */
  href?: string | null;
  /**
   * The value's 95% interval (a median's order-statistic interval), when the chart should draw
   * one: both null when n is too small for it to exist (drawn as unbounded, never as certain);
   * undefined when no interval was asked for.
   */
  low?: number | null;
  high?: number | null;
}

/** At most `limit` series by total n (largest first); the rest are named in `hidden`. */
export function topSeries(points: readonly SeriesPoint[], limit: number): { keep: string[]; hidden: string[] } {
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.series, (totals.get(p.series) ?? 0) + p.n);
  const ordered = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
  return { keep: ordered.slice(0, limit), hidden: ordered.slice(limit) };
}

export const isSmallN = (n: number, threshold: number) => n > 0 && n < threshold;
