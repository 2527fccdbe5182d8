WITH base AS (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS (SELECT *, year(make_timestamp(epoch_us(opened_at))) * 12 + month(make_timestamp(epoch_us(opened_at))) - 1 AS __bucket, severity AS __d0 FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance')),
__spans AS (
  SELECT source, external_id, 0 AS __k, opened_at AS __s, acknowledged_at AS __e FROM filtered WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at
  UNION ALL SELECT source, external_id, 1 AS __k, opened_at AS __s, resolved_at AS __e FROM filtered WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at),
__days AS (
  SELECT CAST(d AS DATE) AS __d, __ws, __we,
         coalesce(sum(epoch(__we) - epoch(__ws)) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS __cum
  FROM (
    SELECT d,
      CASE WHEN list_contains(from_json($2, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json($3, '["VARCHAR"]'), strftime(d, '%Y-%m-%d')) THEN timezone($1, d + to_minutes(CAST($4 AS INTEGER))) END AS __ws,
      CASE WHEN list_contains(from_json($2, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json($3, '["VARCHAR"]'), strftime(d, '%Y-%m-%d')) THEN timezone($1, d + to_minutes(CAST($5 AS INTEGER))) END AS __we
    FROM (SELECT min(__s) AS lo, max(__e) AS hi FROM __spans) r,
         unnest(generate_series(date_trunc('day', timezone($1, r.lo)) - INTERVAL 1 DAY, date_trunc('day', timezone($1, r.hi)) + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS t(d)
    WHERE r.lo IS NOT NULL)),
__holds AS (
  SELECT source, external_id, occurred_at AS __hs, coalesce(next_resumed, CAST('infinity' AS TIMESTAMPTZ)) AS __he
  FROM (
    SELECT source, external_id, occurred_at, kind,
           lag(kind) OVER (PARTITION BY source, external_id ORDER BY occurred_at, kind) AS previous_kind,
           min(CASE WHEN kind = 'resumed' THEN occurred_at END) OVER (
             PARTITION BY source, external_id ORDER BY occurred_at, kind ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_resumed
    FROM incident_events WHERE kind IN ('on_hold', 'resumed')
  ) WHERE kind = 'on_hold' AND previous_kind IS DISTINCT FROM 'on_hold'),
__busy AS (
  SELECT sp.source, sp.external_id, sp.__k, ((db.__cum + CASE WHEN db.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(sp.__e), epoch(db.__we)) - epoch(db.__ws)) END) - (da.__cum + CASE WHEN da.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(sp.__s), epoch(da.__we)) - epoch(da.__ws)) END)) AS __x
  FROM __spans sp JOIN __days da ON da.__d = CAST(timezone($1, sp.__s) AS DATE) JOIN __days db ON db.__d = CAST(timezone($1, sp.__e) AS DATE)),
__held AS (
  SELECT sp.source, sp.external_id, sp.__k, sum(((db.__cum + CASE WHEN db.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(least(sp.__e, h.__he)), epoch(db.__we)) - epoch(db.__ws)) END) - (da.__cum + CASE WHEN da.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(greatest(sp.__s, h.__hs)), epoch(da.__we)) - epoch(da.__ws)) END))) AS __x
  FROM __spans sp JOIN __holds h ON h.source = sp.source AND h.external_id = sp.external_id AND h.__hs < sp.__e AND h.__he > sp.__s
  JOIN __days da ON da.__d = CAST(timezone($1, greatest(sp.__s, h.__hs)) AS DATE) JOIN __days db ON db.__d = CAST(timezone($1, least(sp.__e, h.__he)) AS DATE)
  GROUP BY sp.source, sp.external_id, sp.__k),
__clocked AS (SELECT sp.source, sp.external_id, sp.__k, coalesce(b.__x, 0) - coalesce(x.__x, 0) AS __sec FROM __spans sp LEFT JOIN __busy b ON b.source = sp.source AND b.external_id = sp.external_id AND b.__k = sp.__k LEFT JOIN __held x ON x.source = sp.source AND x.external_id = sp.external_id AND x.__k = sp.__k),
timed AS (
  SELECT f.*, c.__sec0, c.__sec1
  FROM filtered f LEFT JOIN (SELECT source, external_id, max(__sec) FILTER (WHERE __k = 0) AS __sec0, max(__sec) FILTER (WHERE __k = 1) AS __sec1 FROM __clocked GROUP BY source, external_id) c
    ON c.source = f.source AND c.external_id = f.external_id),
agg AS (SELECT make_timestamp(__bucket // 12, __bucket % 12 + 1, 1, 0, 0, 0) AS __start, __d0, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at))[1], 3) AS mtta_median, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at))[2], 3) AS mtta_p90, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at))[3], 3) AS mtta_p95, round(avg(__sec0) FILTER (WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at), 3) AS mtta_mean, round(exp(avg(ln(CASE WHEN __sec0 > 0 THEN __sec0 END)) FILTER (WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at)), 3) AS mtta_geomean, CAST(count(*) FILTER (WHERE opened_at IS NOT NULL AND acknowledged_at IS NOT NULL AND acknowledged_at >= opened_at) AS INTEGER) AS mtta_n, round((quantile_cont(__sec1, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[1], 3) AS mttr_median, round((quantile_cont(__sec1, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[2], 3) AS mttr_p90, round((quantile_cont(__sec1, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[3], 3) AS mttr_p95, round(avg(__sec1) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at), 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN __sec1 > 0 THEN __sec1 END)) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at)), 3) AS mttr_geomean, CAST(count(*) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at) AS INTEGER) AS mttr_n, CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS count, CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS count_n FROM timed GROUP BY __bucket, __d0),
bounds AS (SELECT timezone($6, (SELECT min(opened_at) FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill)) AS lo, timezone($6, (SELECT max(opened_at) FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill)) AS hi),
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

-- params: ["UTC","[1,2,3,4,5]","[]",540,1020,"UTC"]
