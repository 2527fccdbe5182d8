/**
 * The overview set (overview-set.ts) written by hand in plain DuckDB SQL, the way an analyst who
 * knows DuckDB would: one statement per window for every tile, one for the monthly trends, one
 * per window for the per-incident durations the verdicts need (counts and shares reuse the tile
 * rows), and percentiles as one list-valued quantile_cont per metric. Deliberately independent of
 * the catalog; the bench fails when the two disagree. Values are bound.
 */
const MAINTENANCE = "list_contains(quality_flags, 'maintenance')";
const IN_WINDOW = `opened_at >= CAST($1 AS TIMESTAMPTZ) AND opened_at < CAST($2 AS TIMESTAMPTZ) AND NOT is_drill AND NOT ${MAINTENANCE}`;

/** `d`: the duration column; `ok`: its population (both instants, end ≥ start). */
const durations = (id: string, d: string, ok: string) => {
  const where = `FILTER (WHERE ${ok})`;
  const q = `(quantile_cont(${d}, [0.5, 0.9, 0.95]) ${where})`;
  return `round(${q}[1], 3) AS ${id}_median, round(${q}[2], 3) AS ${id}_p90, round(${q}[3], 3) AS ${id}_p95,
          round(avg(${d}) ${where}, 3) AS ${id}_mean, round(exp(avg(ln(CASE WHEN ${d} > 0 THEN ${d} END)) ${where}), 3) AS ${id}_geomean,
          CAST(count(*) ${where} AS INTEGER) AS ${id}_n`;
};
const share = (id: string, population: string, hit: string) =>
  `CAST(count(*) FILTER (WHERE ${population} AND ${hit}) AS INTEGER) AS ${id}_count, CAST(count(*) FILTER (WHERE ${population}) AS INTEGER) AS ${id}_n,
          CAST(count(*) FILTER (WHERE ${population} AND ${hit}) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE ${population}), 0) AS ${id}_rate`;
const WITH_DURATIONS = 'SELECT *, epoch(acknowledged_at) - epoch(opened_at) AS a, epoch(resolved_at) - epoch(opened_at) AS r FROM incidents';

/** $1 from, $2 to (instants), $3 now, $4 the review window in seconds. */
export const HAND_TILES = `SELECT ${durations('mtta', 'a', 'acknowledged_at >= opened_at')},
          ${durations('mttr', 'r', 'resolved_at >= opened_at')},
          CAST(count(*) AS INTEGER) AS count,
          ${share('reopen', 'resolved_at IS NOT NULL AND reopen_count IS NOT NULL', 'reopen_count > 0')},
          ${share('review_coverage', 'severity_rank <= 2 AND resolved_at IS NOT NULL AND epoch(CAST($3 AS TIMESTAMPTZ)) - epoch(resolved_at) >= $4',
            'postmortem_done_at IS NOT NULL AND epoch(postmortem_done_at) - epoch(resolved_at) <= $4')},
          ${share('escalation', 'escalation_count IS NOT NULL', 'escalation_count > 0')}
   FROM (${WITH_DURATIONS} WHERE ${IN_WINDOW})`;

export const HAND_TREND = `SELECT strftime(date_trunc('month', timezone('UTC', opened_at)), '%Y-%m-%d') AS period, severity,
          ${durations('mtta', 'a', 'acknowledged_at >= opened_at')},
          ${durations('mttr', 'r', 'resolved_at >= opened_at')},
          CAST(count(*) AS INTEGER) AS count
   FROM (${WITH_DURATIONS} WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT ${MAINTENANCE})
   GROUP BY 1, 2`;

/** Per-incident durations of one window, NULL where the incident has not reached the end (or ends before it starts). */
export const HAND_SAMPLES = `SELECT severity,
          CASE WHEN acknowledged_at >= opened_at THEN epoch(acknowledged_at) - epoch(opened_at) END AS mtta,
          CASE WHEN resolved_at >= opened_at THEN epoch(resolved_at) - epoch(opened_at) END AS mttr
   FROM incidents WHERE ${IN_WINDOW}`;
