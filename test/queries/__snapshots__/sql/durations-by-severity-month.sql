WITH base AS (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS (SELECT *, date_trunc('month', timezone($1, opened_at)) AS __bucket, severity AS __d0, CASE WHEN opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at THEN (epoch_us(acknowledged_at) - epoch_us(opened_at)) END AS __v0, CASE WHEN opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at THEN (epoch_us(resolved_at) - epoch_us(opened_at)) END AS __v1 FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance') AND opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))),
agg AS (SELECT __bucket AS __start, __d0, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mtta_median, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mtta_p90, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mtta_p95, round(avg(__v0) / 1e6, 3) AS mtta_mean, round(exp(avg(ln(CASE WHEN __v0 > 0 THEN __v0 END))) / 1e6, 3) AS mtta_geomean, CAST(count(__v0) AS INTEGER) AS mtta_n, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mttr_median, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mttr_p90, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mttr_p95, round(avg(__v1) / 1e6, 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN __v1 > 0 THEN __v1 END))) / 1e6, 3) AS mttr_geomean, CAST(count(__v1) AS INTEGER) AS mttr_n, CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS count, CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS count_n FROM filtered GROUP BY __bucket, __d0),
bounds AS (SELECT CAST($4 AS TIMESTAMP) AS lo, CAST($5 AS TIMESTAMP) - INTERVAL 1 microsecond AS hi),
periods AS (
  SELECT p AS __start
  FROM bounds, unnest(generate_series(date_trunc('month', lo), date_trunc('month', hi), INTERVAL '1 month')) AS t(p)
  WHERE lo IS NOT NULL),
keys AS (SELECT periods.__start, d.__d0 FROM periods, (SELECT DISTINCT __d0 FROM agg) d)
SELECT strftime(keys.__start, '%Y-%m-%d') AS period,
       keys.__d0 AS "severity",
       agg.mtta_median AS mtta_median,
       agg.mtta_p90 AS mtta_p90,
       agg.mtta_p95 AS mtta_p95,
       agg.mtta_mean AS mtta_mean,
       agg.mtta_geomean AS mtta_geomean,
       coalesce(agg.mtta_n, 0) AS mtta_n,
       agg.mttr_median AS mttr_median,
       agg.mttr_p90 AS mttr_p90,
       agg.mttr_p95 AS mttr_p95,
       agg.mttr_mean AS mttr_mean,
       agg.mttr_geomean AS mttr_geomean,
       coalesce(agg.mttr_n, 0) AS mttr_n,
       coalesce(agg.count, 0) AS count,
       coalesce(agg.count_n, 0) AS count_n
FROM keys
LEFT JOIN agg ON agg.__start IS NOT DISTINCT FROM keys.__start AND agg.__d0 IS NOT DISTINCT FROM keys.__d0

ORDER BY keys.__start NULLS LAST, keys.__d0 NULLS LAST

-- params: ["Europe/London","2026-01-01","2026-03-01","2026-01-01","2026-03-01"]
