WITH base AS NOT MATERIALIZED (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS NOT MATERIALIZED (SELECT * FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance')),
dur0 AS (SELECT round((quantile_cont((epoch_us(resolved_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mttr_median, round((quantile_cont((epoch_us(resolved_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mttr_p90, round((quantile_cont((epoch_us(resolved_at) - epoch_us(opened_at)), [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mttr_p95, round(avg((epoch_us(resolved_at) - epoch_us(opened_at))) / 1e6, 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN (epoch_us(resolved_at) - epoch_us(opened_at)) > 0 THEN (epoch_us(resolved_at) - epoch_us(opened_at)) END))) / 1e6, 3) AS mttr_geomean, CAST(count((epoch_us(resolved_at) - epoch_us(opened_at))) AS INTEGER) AS mttr_n FROM filtered WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at),
keys AS (SELECT 1 AS __one)
SELECT dur0.mttr_median AS mttr_median,
       dur0.mttr_p90 AS mttr_p90,
       dur0.mttr_p95 AS mttr_p95,
       dur0.mttr_mean AS mttr_mean,
       dur0.mttr_geomean AS mttr_geomean,
       coalesce(dur0.mttr_n, 0) AS mttr_n
FROM keys
LEFT JOIN dur0 ON TRUE



-- params: []
