/**
 * The overview numbers written by hand in plain DuckDB SQL, as an analyst would: the baseline
 * Hindsight's compiled queries are timed and checked against. Deliberately independent of the
 * catalog — if the two disagree, one of them is wrong and the bench fails.
 */
export const HAND_WRITTEN_OVERVIEW: readonly string[] = [
  `SELECT quantile_cont(epoch(acknowledged_at) - epoch(opened_at), 0.5) FILTER (WHERE acknowledged_at >= opened_at) AS mtta_median,
          quantile_cont(epoch(acknowledged_at) - epoch(opened_at), 0.9) FILTER (WHERE acknowledged_at >= opened_at) AS mtta_p90,
          avg(epoch(acknowledged_at) - epoch(opened_at)) FILTER (WHERE acknowledged_at >= opened_at) AS mtta_mean,
          CAST(count(*) FILTER (WHERE acknowledged_at >= opened_at) AS INTEGER) AS mtta_n,
          quantile_cont(epoch(resolved_at) - epoch(opened_at), 0.5) FILTER (WHERE resolved_at >= opened_at) AS mttr_median,
          quantile_cont(epoch(resolved_at) - epoch(opened_at), 0.9) FILTER (WHERE resolved_at >= opened_at) AS mttr_p90,
          avg(epoch(resolved_at) - epoch(opened_at)) FILTER (WHERE resolved_at >= opened_at) AS mttr_mean,
          CAST(count(*) FILTER (WHERE resolved_at >= opened_at) AS INTEGER) AS mttr_n,
          CAST(count(*) AS INTEGER) AS incidents_count
   FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill`,
  `SELECT strftime(date_trunc('month', opened_at AT TIME ZONE 'UTC'), '%Y-%m-%d') AS period, severity,
          quantile_cont(epoch(resolved_at) - epoch(opened_at), 0.5) FILTER (WHERE resolved_at >= opened_at) AS mttr_median,
          quantile_cont(epoch(resolved_at) - epoch(opened_at), 0.9) FILTER (WHERE resolved_at >= opened_at) AS mttr_p90,
          avg(epoch(resolved_at) - epoch(opened_at)) FILTER (WHERE resolved_at >= opened_at) AS mttr_mean,
          CAST(count(*) FILTER (WHERE resolved_at >= opened_at) AS INTEGER) AS mttr_n,
          CAST(count(*) AS INTEGER) AS incidents_count
   FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill
   GROUP BY 1, 2 ORDER BY 1, 2`,
];
