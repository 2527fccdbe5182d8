WITH base AS NOT MATERIALIZED (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS NOT MATERIALIZED (SELECT * FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance') AND opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))),
agg AS (SELECT CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS count, CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS count_n FROM filtered),
dur0 AS (SELECT round((quantile_cont((epoch_us(acknowledged_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mtta_median, round((quantile_cont((epoch_us(acknowledged_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mtta_p90, round((quantile_cont((epoch_us(acknowledged_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mtta_p95, round(avg((epoch_us(acknowledged_at) - epoch_us(opened_at))) / 1e6, 3) AS mtta_mean, round(exp(avg(ln(CASE WHEN (epoch_us(acknowledged_at) - epoch_us(opened_at)) > 0 THEN (epoch_us(acknowledged_at) - epoch_us(opened_at)) END))) / 1e6, 3) AS mtta_geomean, CAST(count((epoch_us(acknowledged_at) - epoch_us(opened_at))) AS INTEGER) AS mtta_n FROM filtered WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at),
dur1 AS (SELECT round((quantile_cont((epoch_us(resolved_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mttr_median, round((quantile_cont((epoch_us(resolved_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mttr_p90, round((quantile_cont((epoch_us(resolved_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mttr_p95, round(avg((epoch_us(resolved_at) - epoch_us(opened_at))) / 1e6, 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN (epoch_us(resolved_at) - epoch_us(opened_at)) > 0 THEN (epoch_us(resolved_at) - epoch_us(opened_at)) END))) / 1e6, 3) AS mttr_geomean, CAST(count((epoch_us(resolved_at) - epoch_us(opened_at))) AS INTEGER) AS mttr_n FROM filtered WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at),
keys AS (SELECT 1 AS __one)
SELECT dur0.mtta_median AS mtta_median,
       dur0.mtta_p90 AS mtta_p90,
       dur0.mtta_p95 AS mtta_p95,
       dur0.mtta_mean AS mtta_mean,
       dur0.mtta_geomean AS mtta_geomean,
       coalesce(dur0.mtta_n, 0) AS mtta_n,
       dur1.mttr_median AS mttr_median,
       dur1.mttr_p90 AS mttr_p90,
       dur1.mttr_p95 AS mttr_p95,
       dur1.mttr_mean AS mttr_mean,
       dur1.mttr_geomean AS mttr_geomean,
       coalesce(dur1.mttr_n, 0) AS mttr_n,
       coalesce(agg.count, 0) AS count,
       coalesce(agg.count_n, 0) AS count_n
FROM keys
LEFT JOIN agg ON TRUE
LEFT JOIN dur0 ON TRUE
LEFT JOIN dur1 ON TRUE



-- params: ["UTC","2026-01-01","2026-03-01"]
