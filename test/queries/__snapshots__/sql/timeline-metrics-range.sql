WITH base AS (
  SELECT i.*,
         ev.first_update_at AS first_update_at,
         gaps.max_gap AS max_update_gap_seconds,
         list_extract(from_json($4, '["DOUBLE"]'), i.severity_rank) AS cadence_limit_seconds
  FROM incidents i
  LEFT JOIN (
    SELECT source, external_id,
           min(occurred_at) FILTER (WHERE kind = 'resolved') AS first_resolved_event_at,
           min(occurred_at) FILTER (WHERE kind = 'escalated') AS first_escalated_at,
           min(occurred_at) FILTER (WHERE kind = 'stakeholder_update') AS first_update_at
    FROM incident_events WHERE (source, external_id) IN (SELECT source, external_id FROM incidents WHERE opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))) GROUP BY source, external_id
  ) ev ON ev.source = i.source AND ev.external_id = i.external_id
  LEFT JOIN (
    SELECT source, external_id, max(gap) AS max_gap FROM (
      SELECT source, external_id, epoch(t) - epoch(lag(t) OVER (PARTITION BY source, external_id ORDER BY t)) AS gap
      FROM (
        SELECT source, external_id, opened_at AS t FROM incidents WHERE opened_at <= resolved_at AND opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))
        UNION ALL SELECT e.source, e.external_id, e.occurred_at FROM incident_events e
          JOIN incidents x ON x.source = e.source AND x.external_id = e.external_id
          WHERE e.kind = 'stakeholder_update' AND e.occurred_at BETWEEN x.opened_at AND x.resolved_at AND opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))
        UNION ALL SELECT source, external_id, resolved_at FROM incidents WHERE opened_at <= resolved_at AND opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))
      )
    ) GROUP BY source, external_id
  ) gaps ON gaps.source = i.source AND gaps.external_id = i.external_id
),
filtered AS (SELECT *, CASE WHEN opened_at IS NOT NULL AND first_update_at IS NOT NULL AND first_update_at >= opened_at THEN (epoch_us(first_update_at) - epoch_us(opened_at)) END AS __v0 FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance') AND opened_at >= timezone($1, CAST($2 AS TIMESTAMP)) AND opened_at < timezone($1, CAST($3 AS TIMESTAMP))),
agg AS (SELECT round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS ttfu_median, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS ttfu_p90, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS ttfu_p95, round(avg(__v0) / 1e6, 3) AS ttfu_mean, round(exp(avg(ln(CASE WHEN __v0 > 0 THEN __v0 END))) / 1e6, 3) AS ttfu_geomean, CAST(count(__v0) AS INTEGER) AS ttfu_n, CAST(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL) AND (max_update_gap_seconds IS NOT NULL AND max_update_gap_seconds <= cadence_limit_seconds)) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL)), 0) AS cadence_rate, CAST(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL) AND (max_update_gap_seconds IS NOT NULL AND max_update_gap_seconds <= cadence_limit_seconds)) AS INTEGER) AS cadence_count, CAST(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL)) AS INTEGER) AS cadence_n FROM filtered),
keys AS (SELECT 1 AS __one)
SELECT agg.ttfu_median AS ttfu_median,
       agg.ttfu_p90 AS ttfu_p90,
       agg.ttfu_p95 AS ttfu_p95,
       agg.ttfu_mean AS ttfu_mean,
       agg.ttfu_geomean AS ttfu_geomean,
       coalesce(agg.ttfu_n, 0) AS ttfu_n,
       agg.cadence_rate AS cadence_rate,
       coalesce(agg.cadence_count, 0) AS cadence_count,
       coalesce(agg.cadence_n, 0) AS cadence_n
FROM keys
LEFT JOIN agg ON TRUE



-- params: ["UTC","2026-01-01","2026-02-01","[1800,3600]"]
