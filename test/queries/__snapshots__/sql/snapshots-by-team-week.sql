WITH base AS (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS (SELECT *, date_trunc('week', make_timestamp(epoch_us(opened_at))) AS __bucket, team AS __d0 FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance')),
bounds AS (SELECT timezone($1, (SELECT min(opened_at) FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill)) AS lo, greatest(timezone($1, (SELECT max(opened_at) FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill)), timezone($1, CAST($2 AS TIMESTAMPTZ))) AS hi),
periods AS (
  SELECT p AS __start, least(timezone($1, p + INTERVAL '7 days'), CAST($2 AS TIMESTAMPTZ)) AS __at
  FROM bounds, unnest(generate_series(date_trunc('week', lo), date_trunc('week', hi), INTERVAL '7 days')) AS t(p)
  WHERE lo IS NOT NULL),
snap AS (SELECT p.__start, team AS __d0, CAST(count(*) FILTER (WHERE (opened_at < __at AND (resolved_at IS NULL OR resolved_at >= __at)) AND (NOT is_drill)) AS INTEGER) AS backlog, quantile_cont(epoch(__at) - epoch(b.opened_at), 0.5) FILTER (WHERE (opened_at < __at AND (resolved_at IS NULL OR resolved_at >= __at)) AND (NOT is_drill)) AS open_age_median, CAST(count(*) FILTER (WHERE (opened_at < __at AND (resolved_at IS NULL OR resolved_at >= __at)) AND (NOT is_drill)) AS INTEGER) AS open_age_n, min(epoch(__at) - epoch(b.opened_at)) FILTER (WHERE (is_drill AND opened_at < __at) AND (TRUE)) AS since_drill, CAST(count(*) FILTER (WHERE (is_drill AND opened_at < __at) AND (TRUE)) AS INTEGER) AS since_drill_n
  FROM periods p, base b WHERE NOT list_contains(b.quality_flags, 'maintenance') GROUP BY p.__start, team),
keys AS (SELECT periods.__start, d.__d0 FROM periods, (SELECT DISTINCT __d0 FROM snap) d)
SELECT strftime(keys.__start, '%Y-%m-%d') AS period,
       keys.__d0 AS "team",
       coalesce(snap.backlog, 0) AS backlog,
       snap.open_age_median AS open_age_median,
       coalesce(snap.open_age_n, 0) AS open_age_n,
       snap.since_drill AS since_drill,
       coalesce(snap.since_drill_n, 0) AS since_drill_n
FROM keys

LEFT JOIN snap ON snap.__start IS NOT DISTINCT FROM keys.__start AND snap.__d0 IS NOT DISTINCT FROM keys.__d0
ORDER BY keys.__start NULLS LAST, keys.__d0 NULLS LAST

-- params: ["UTC","2026-03-01T00:00:00.000Z"]
