WITH base AS (
  SELECT a.*, i.severity, i.severity_rank, i.service, i.team, i.root_cause, i.assignee, coalesce(i.is_drill, false) AS is_drill,
         i.custom, i.opened_at, i.resolved_at
  FROM action_items a LEFT JOIN incidents i ON i.source = a.source AND i.external_id = a.external_id
),
filtered AS (SELECT *, date_trunc('quarter', make_timestamp(epoch_us(created_at))) AS __bucket, owner AS __d0 FROM base WHERE created_at IS NOT NULL AND NOT is_drill),
agg AS (SELECT __bucket AS __start, __d0, CAST(count(*) FILTER (WHERE (coalesce(status, 'open') <> 'wont_do') AND (due_at < CAST($1 AS TIMESTAMPTZ) AND status = 'open')) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE (coalesce(status, 'open') <> 'wont_do')), 0) AS action_items_overdue_rate, CAST(count(*) FILTER (WHERE (coalesce(status, 'open') <> 'wont_do') AND (due_at < CAST($1 AS TIMESTAMPTZ) AND status = 'open')) AS INTEGER) AS action_items_overdue_count, CAST(count(*) FILTER (WHERE (coalesce(status, 'open') <> 'wont_do')) AS INTEGER) AS action_items_overdue_n FROM filtered GROUP BY __bucket, __d0),
bounds AS (SELECT timezone($2, (SELECT min(created_at) FROM base WHERE created_at IS NOT NULL AND NOT is_drill)) AS lo, greatest(timezone($2, (SELECT max(created_at) FROM base WHERE created_at IS NOT NULL AND NOT is_drill)), timezone($2, CAST($1 AS TIMESTAMPTZ))) AS hi),
periods AS (
  SELECT p AS __start, least(timezone($2, p + INTERVAL '3 months'), CAST($1 AS TIMESTAMPTZ)) AS __at
  FROM bounds, unnest(generate_series(date_trunc('quarter', lo), date_trunc('quarter', hi), INTERVAL '3 months')) AS t(p)
  WHERE lo IS NOT NULL),
snap AS (SELECT p.__start, owner AS __d0, CAST(count(*) FILTER (WHERE (created_at < __at AND (completed_at IS NULL OR completed_at >= __at) AND status <> 'wont_do') AND (NOT is_drill)) AS INTEGER) AS action_items_open
  FROM periods p, base b GROUP BY p.__start, owner),
keys AS (SELECT periods.__start, d.__d0 FROM periods, (SELECT DISTINCT __d0 FROM agg UNION SELECT DISTINCT __d0 FROM snap) d)
SELECT strftime(keys.__start, '%Y-%m-%d') AS period,
       keys.__d0 AS "owner",
       agg.action_items_overdue_rate AS action_items_overdue_rate,
       coalesce(agg.action_items_overdue_count, 0) AS action_items_overdue_count,
       coalesce(agg.action_items_overdue_n, 0) AS action_items_overdue_n,
       coalesce(snap.action_items_open, 0) AS action_items_open
FROM keys
LEFT JOIN agg ON agg.__start IS NOT DISTINCT FROM keys.__start AND agg.__d0 IS NOT DISTINCT FROM keys.__d0
LEFT JOIN snap ON snap.__start IS NOT DISTINCT FROM keys.__start AND snap.__d0 IS NOT DISTINCT FROM keys.__d0
ORDER BY keys.__start NULLS LAST, keys.__d0 NULLS LAST

-- params: ["2026-03-01T00:00:00.000Z","UTC"]
