WITH base AS (
  SELECT i.*,
         CASE WHEN NOT i.is_drill AND NOT list_contains(i.quality_flags, 'maintenance') AND i.service IS NOT NULL THEN lag(i.opened_at) OVER (PARTITION BY i.service, i.is_drill, list_contains(i.quality_flags, 'maintenance') ORDER BY i.opened_at) END AS previous_start_in_service
  FROM incidents i
  
  
),
filtered AS (SELECT *, json_extract_string(custom, $1) AS __d0, CASE WHEN opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at THEN (epoch_us(resolved_at) - epoch_us(opened_at)) END AS __v0, CASE WHEN previous_start_in_service IS NOT NULL AND opened_at IS NOT NULL AND opened_at >= previous_start_in_service THEN (epoch_us(opened_at) - epoch_us(previous_start_in_service)) END AS __v1 FROM base WHERE resolved_at IS NOT NULL AND NOT list_contains(quality_flags, 'maintenance')),
agg AS (SELECT __d0, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mttr_median, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mttr_p90, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mttr_p95, round(avg(__v0) / 1e6, 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN __v0 > 0 THEN __v0 END))) / 1e6, 3) AS mttr_geomean, CAST(count(__v0) AS INTEGER) AS mttr_n, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS mtbf_median, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS mtbf_p90, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS mtbf_p95, round(avg(__v1) / 1e6, 3) AS mtbf_mean, round(exp(avg(ln(CASE WHEN __v1 > 0 THEN __v1 END))) / 1e6, 3) AS mtbf_geomean, CAST(count(__v1) AS INTEGER) AS mtbf_n FROM filtered GROUP BY __d0),
keys AS (SELECT d.__d0 FROM (SELECT DISTINCT __d0 FROM agg) d)
SELECT keys.__d0 AS "custom.region",
       agg.mttr_median AS mttr_median,
       agg.mttr_p90 AS mttr_p90,
       agg.mttr_p95 AS mttr_p95,
       agg.mttr_mean AS mttr_mean,
       agg.mttr_geomean AS mttr_geomean,
       coalesce(agg.mttr_n, 0) AS mttr_n,
       agg.mtbf_median AS mtbf_median,
       agg.mtbf_p90 AS mtbf_p90,
       agg.mtbf_p95 AS mtbf_p95,
       agg.mtbf_mean AS mtbf_mean,
       agg.mtbf_geomean AS mtbf_geomean,
       coalesce(agg.mtbf_n, 0) AS mtbf_n
FROM keys
LEFT JOIN agg ON agg.__d0 IS NOT DISTINCT FROM keys.__d0

ORDER BY keys.__d0 NULLS LAST

-- params: ["$.\"region\""]
