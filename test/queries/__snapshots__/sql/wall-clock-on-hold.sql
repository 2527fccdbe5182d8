WITH base AS (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS (SELECT * FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance')),
__spans AS (
  SELECT source, external_id, 0 AS __k, opened_at AS __s, resolved_at AS __e FROM filtered WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at),
__holds AS (
  SELECT source, external_id, occurred_at AS __hs, coalesce(next_resumed, CAST('infinity' AS TIMESTAMPTZ)) AS __he
  FROM (
    SELECT source, external_id, occurred_at, kind,
           lag(kind) OVER (PARTITION BY source, external_id ORDER BY occurred_at, kind) AS previous_kind,
           min(CASE WHEN kind = 'resumed' THEN occurred_at END) OVER (
             PARTITION BY source, external_id ORDER BY occurred_at, kind ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_resumed
    FROM incident_events WHERE kind IN ('on_hold', 'resumed')
  ) WHERE kind = 'on_hold' AND previous_kind IS DISTINCT FROM 'on_hold'),
__held AS (
  SELECT sp.source, sp.external_id, sp.__k, sum((epoch(least(sp.__e, h.__he)) - epoch(greatest(sp.__s, h.__hs)))) AS __x
  FROM __spans sp JOIN __holds h ON h.source = sp.source AND h.external_id = sp.external_id AND h.__hs < sp.__e AND h.__he > sp.__s
  
  GROUP BY sp.source, sp.external_id, sp.__k),
__clocked AS (SELECT sp.source, sp.external_id, sp.__k, (epoch(sp.__e) - epoch(sp.__s)) - coalesce(x.__x, 0) AS __sec FROM __spans sp LEFT JOIN __held x ON x.source = sp.source AND x.external_id = sp.external_id AND x.__k = sp.__k),
timed AS (
  SELECT f.*, c.__sec0
  FROM filtered f LEFT JOIN (SELECT source, external_id, max(__sec) FILTER (WHERE __k = 0) AS __sec0 FROM __clocked GROUP BY source, external_id) c
    ON c.source = f.source AND c.external_id = f.external_id),
agg AS (SELECT round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[1], 3) AS mttr_median, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[2], 3) AS mttr_p90, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[3], 3) AS mttr_p95, round(avg(__sec0) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at), 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN __sec0 > 0 THEN __sec0 END)) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at)), 3) AS mttr_geomean, CAST(count(*) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at) AS INTEGER) AS mttr_n FROM timed),
keys AS (SELECT 1 AS __one)
SELECT agg.mttr_median AS mttr_median,
       agg.mttr_p90 AS mttr_p90,
       agg.mttr_p95 AS mttr_p95,
       agg.mttr_mean AS mttr_mean,
       agg.mttr_geomean AS mttr_geomean,
       coalesce(agg.mttr_n, 0) AS mttr_n
FROM keys
LEFT JOIN agg ON TRUE



-- params: []
