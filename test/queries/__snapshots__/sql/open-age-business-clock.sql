WITH base AS (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS (SELECT *, year(make_timestamp(epoch_us(opened_at))) * 12 + month(make_timestamp(epoch_us(opened_at))) - 1 AS __bucket FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance')),
__spans AS (
  SELECT source, external_id, 0 AS __k, opened_at AS __s, resolved_at AS __e FROM filtered WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at),
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
__busy AS (
  SELECT sp.source, sp.external_id, sp.__k, ((db.__cum + CASE WHEN db.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(sp.__e), epoch(db.__we)) - epoch(db.__ws)) END) - (da.__cum + CASE WHEN da.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(sp.__s), epoch(da.__we)) - epoch(da.__ws)) END)) AS __x
  FROM __spans sp JOIN __days da ON da.__d = CAST(timezone($1, sp.__s) AS DATE) JOIN __days db ON db.__d = CAST(timezone($1, sp.__e) AS DATE)),
__clocked AS (SELECT sp.source, sp.external_id, sp.__k, coalesce(b.__x, 0) AS __sec FROM __spans sp LEFT JOIN __busy b ON b.source = sp.source AND b.external_id = sp.external_id AND b.__k = sp.__k),
timed AS (
  SELECT f.*, c.__sec0
  FROM filtered f LEFT JOIN (SELECT source, external_id, max(__sec) FILTER (WHERE __k = 0) AS __sec0 FROM __clocked GROUP BY source, external_id) c
    ON c.source = f.source AND c.external_id = f.external_id),
agg AS (SELECT make_timestamp(__bucket // 12, __bucket % 12 + 1, 1, 0, 0, 0) AS __start, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[1], 3) AS mttr_median, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[2], 3) AS mttr_p90, round((quantile_cont(__sec0, [0.5, 0.9, 0.95]) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at))[3], 3) AS mttr_p95, round(avg(__sec0) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at), 3) AS mttr_mean, round(exp(avg(ln(CASE WHEN __sec0 > 0 THEN __sec0 END)) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at)), 3) AS mttr_geomean, CAST(count(*) FILTER (WHERE opened_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at >= opened_at) AS INTEGER) AS mttr_n FROM timed GROUP BY __bucket),
bounds AS (SELECT timezone($7, (SELECT min(opened_at) FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill)) AS lo, greatest(timezone($7, (SELECT max(opened_at) FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill)), timezone($7, CAST($6 AS TIMESTAMPTZ))) AS hi),
periods AS (
  SELECT p AS __start, least(timezone($7, p + INTERVAL '1 month'), CAST($6 AS TIMESTAMPTZ)) AS __at
  FROM bounds, unnest(generate_series(date_trunc('month', lo), date_trunc('month', hi), INTERVAL '1 month')) AS t(p)
  WHERE lo IS NOT NULL),
__age_days AS (
  SELECT CAST(d AS DATE) AS __d, __ws, __we,
         coalesce(sum(epoch(__we) - epoch(__ws)) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS __cum
  FROM (
    SELECT d,
      CASE WHEN list_contains(from_json($2, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json($3, '["VARCHAR"]'), strftime(d, '%Y-%m-%d')) THEN timezone($1, d + to_minutes(CAST($4 AS INTEGER))) END AS __ws,
      CASE WHEN list_contains(from_json($2, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json($3, '["VARCHAR"]'), strftime(d, '%Y-%m-%d')) THEN timezone($1, d + to_minutes(CAST($5 AS INTEGER))) END AS __we
    FROM (SELECT min(opened_at) AS lo, CAST($6 AS TIMESTAMPTZ) AS hi FROM base) r,
         unnest(generate_series(date_trunc('day', timezone($1, r.lo)) - INTERVAL 1 DAY, date_trunc('day', timezone($1, r.hi)) + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS t(d)
    WHERE r.lo IS NOT NULL)),
snap AS (SELECT p.__start, CAST(count(*) FILTER (WHERE (opened_at < __at AND (resolved_at IS NULL OR resolved_at >= __at)) AND (NOT is_drill)) AS INTEGER) AS backlog, quantile_cont((p.__w_at - b.__w_open), 0.5) FILTER (WHERE (opened_at < __at AND (resolved_at IS NULL OR resolved_at >= __at)) AND (NOT is_drill)) AS open_age_median, CAST(count(*) FILTER (WHERE (opened_at < __at AND (resolved_at IS NULL OR resolved_at >= __at)) AND (NOT is_drill)) AS INTEGER) AS open_age_n
  FROM (SELECT pp.*, (dp.__cum + CASE WHEN dp.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(pp.__at), epoch(dp.__we)) - epoch(dp.__ws)) END) AS __w_at FROM periods pp LEFT JOIN __age_days dp ON dp.__d = CAST(timezone($1, pp.__at) AS DATE)) p, (SELECT bb.*, (db.__cum + CASE WHEN db.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(bb.opened_at), epoch(db.__we)) - epoch(db.__ws)) END) AS __w_open FROM base bb LEFT JOIN __age_days db ON db.__d = CAST(timezone($1, bb.opened_at) AS DATE)) b WHERE NOT list_contains(b.quality_flags, 'maintenance') GROUP BY p.__start),
keys AS (SELECT periods.__start FROM periods)
SELECT strftime(keys.__start, '%Y-%m-%d') AS period,
       coalesce(snap.backlog, 0) AS backlog,
       snap.open_age_median AS open_age_median,
       coalesce(snap.open_age_n, 0) AS open_age_n,
       agg.mttr_median AS mttr_median,
       agg.mttr_p90 AS mttr_p90,
       agg.mttr_p95 AS mttr_p95,
       agg.mttr_mean AS mttr_mean,
       agg.mttr_geomean AS mttr_geomean,
       coalesce(agg.mttr_n, 0) AS mttr_n
FROM keys
LEFT JOIN agg ON agg.__start IS NOT DISTINCT FROM keys.__start
LEFT JOIN snap ON snap.__start IS NOT DISTINCT FROM keys.__start
ORDER BY keys.__start NULLS LAST

-- params: ["UTC","[1,2,3,4,5]","[]",540,1020,"2026-03-01T00:00:00.000Z","UTC"]
