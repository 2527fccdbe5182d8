WITH base AS (
  SELECT i.*
  FROM incidents i
  
  
),
filtered AS (SELECT *, date_trunc('week', make_timestamp(epoch_us(opened_at))) AS __bucket, team AS __d0 FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance')),
__spans AS (
  SELECT source, external_id, 0 AS __k, opened_at AS __s, coalesce(resolved_at, CAST($1 AS TIMESTAMPTZ)) AS __e FROM filtered WHERE opened_at IS NOT NULL AND coalesce(resolved_at, CAST($1 AS TIMESTAMPTZ)) IS NOT NULL AND coalesce(resolved_at, CAST($1 AS TIMESTAMPTZ)) >= opened_at),
__days AS (
  SELECT CAST(d AS DATE) AS __d, __ws, __we,
         coalesce(sum(epoch(__we) - epoch(__ws)) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS __cum
  FROM (
    SELECT d,
      CASE WHEN list_contains(from_json($3, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json($4, '["VARCHAR"]'), strftime(d, '%Y-%m-%d')) THEN timezone($2, d + to_minutes(CAST($5 AS INTEGER))) END AS __ws,
      CASE WHEN list_contains(from_json($3, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json($4, '["VARCHAR"]'), strftime(d, '%Y-%m-%d')) THEN timezone($2, d + to_minutes(CAST($6 AS INTEGER))) END AS __we
    FROM (SELECT min(__s) AS lo, max(__e) AS hi FROM __spans) r,
         unnest(generate_series(date_trunc('day', timezone($2, r.lo)) - INTERVAL 1 DAY, date_trunc('day', timezone($2, r.hi)) + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS t(d)
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
  FROM __spans sp JOIN __days da ON da.__d = CAST(timezone($2, sp.__s) AS DATE) JOIN __days db ON db.__d = CAST(timezone($2, sp.__e) AS DATE)),
__held AS (
  SELECT sp.source, sp.external_id, sp.__k, sum(((db.__cum + CASE WHEN db.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(least(sp.__e, h.__he)), epoch(db.__we)) - epoch(db.__ws)) END) - (da.__cum + CASE WHEN da.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(greatest(sp.__s, h.__hs)), epoch(da.__we)) - epoch(da.__ws)) END))) AS __x
  FROM __spans sp JOIN __holds h ON h.source = sp.source AND h.external_id = sp.external_id AND h.__hs < sp.__e AND h.__he > sp.__s
  JOIN __days da ON da.__d = CAST(timezone($2, greatest(sp.__s, h.__hs)) AS DATE) JOIN __days db ON db.__d = CAST(timezone($2, least(sp.__e, h.__he)) AS DATE)
  GROUP BY sp.source, sp.external_id, sp.__k),
__clocked AS (SELECT sp.source, sp.external_id, sp.__k, coalesce(b.__x, 0) - coalesce(x.__x, 0) AS __sec FROM __spans sp LEFT JOIN __busy b ON b.source = sp.source AND b.external_id = sp.external_id AND b.__k = sp.__k LEFT JOIN __held x ON x.source = sp.source AND x.external_id = sp.external_id AND x.__k = sp.__k),
timed AS (
  SELECT f.*, c.__sec0
  FROM filtered f LEFT JOIN (SELECT source, external_id, max(__sec) FILTER (WHERE __k = 0) AS __sec0 FROM __clocked GROUP BY source, external_id) c
    ON c.source = f.source AND c.external_id = f.external_id)
SELECT strftime(__bucket, '%Y-%m-%d') AS period, __d0 AS "team", __sec0 AS seconds, resolved_at IS NOT NULL AS reached, resolved_at IS NULL AS open
FROM timed
WHERE opened_at IS NOT NULL AND coalesce(resolved_at, CAST($1 AS TIMESTAMPTZ)) >= opened_at
ORDER BY ALL

-- params: ["2026-03-01T00:00:00.000Z","UTC","[1,2,3,4,5]","[]",540,1020]
