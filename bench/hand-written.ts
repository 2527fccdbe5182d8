/**
 * The overview numbers written by hand in plain DuckDB SQL, as an analyst would: the baseline
 * Hindsight's compiled queries are timed and checked against. Deliberately independent of the
 * catalog — if the two disagree, one of them is wrong and the bench fails.
 * `end >= opened_at` is false when either is NULL, so it is the whole duration population
 * (both present, end ≥ start). Months: the UTC calendar month of opened_at. Aggregates: every
 * one the catalog answers for a duration (overview.ts), so both sides do the same work.
 */
const duration = (end: string) => `epoch(${end}) - epoch(opened_at)`;
const aggregates = (metric: string, end: string) => {
  const d = duration(end);
  const where = `FILTER (WHERE ${end} >= opened_at)`;
  // One list-valued quantile_cont, computed once (as an analyst who knows DuckDB writes it):
  // three separate calls would sort each group three times and flatter the engine.
  const q = `(quantile_cont(${d}, [0.5, 0.9, 0.95]) ${where})`;
  return `${q}[1] AS ${metric}_median,
          ${q}[2] AS ${metric}_p90,
          ${q}[3] AS ${metric}_p95,
          avg(${d}) ${where} AS ${metric}_mean,
          exp(avg(ln(CASE WHEN ${d} > 0 THEN ${d} END)) ${where}) AS ${metric}_geomean,
          CAST(count(*) ${where} AS INTEGER) AS ${metric}_n`;
};

export const HAND_WRITTEN_OVERVIEW = {
  tiles: `SELECT ${aggregates('mtta', 'acknowledged_at')},
          ${aggregates('mttr', 'resolved_at')},
          CAST(count(*) AS INTEGER) AS count
   FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill`,
  trend: `SELECT strftime(date_trunc('month', opened_at AT TIME ZONE 'UTC'), '%Y-%m-%d') AS period, severity,
          ${aggregates('mttr', 'resolved_at')}
   FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill
   GROUP BY 1, 2 ORDER BY 1, 2`,
} as const;
