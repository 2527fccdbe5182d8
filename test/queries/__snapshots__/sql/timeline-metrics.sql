WITH base AS (
  SELECT i.*,
         least(ev.first_resolved_event_at, i.resolved_at) AS first_resolved_at,
         ev.first_escalated_at AS first_escalated_at,
         ev.first_update_at AS first_update_at,
         CASE WHEN NOT i.is_drill AND NOT list_contains(i.quality_flags, 'maintenance') THEN lag(i.opened_at) OVER (PARTITION BY i.service, i.root_cause, i.is_drill, list_contains(i.quality_flags, 'maintenance') ORDER BY i.opened_at) END AS previous_same_cause_at,
         (NOT list_contains(from_json($3, '["INTEGER"]'), isodow(timezone($4, i.opened_at)))
           OR strftime(timezone($4, i.opened_at), '%H:%M') < $5
           OR strftime(timezone($4, i.opened_at), '%H:%M') >= $6
           OR list_contains(from_json($7, '["VARCHAR"]'), strftime(timezone($4, i.opened_at), '%Y-%m-%d'))) AS opened_after_hours,
         gaps.max_gap AS max_update_gap_seconds,
         list_extract(from_json($8, '["DOUBLE"]'), i.severity_rank) AS cadence_limit_seconds
  FROM incidents i
  LEFT JOIN (
    SELECT source, external_id,
           min(occurred_at) FILTER (WHERE kind = 'resolved') AS first_resolved_event_at,
           min(occurred_at) FILTER (WHERE kind = 'escalated') AS first_escalated_at,
           min(occurred_at) FILTER (WHERE kind = 'stakeholder_update') AS first_update_at
    FROM incident_events GROUP BY source, external_id
  ) ev ON ev.source = i.source AND ev.external_id = i.external_id
  LEFT JOIN (
    SELECT source, external_id, max(gap) AS max_gap FROM (
      SELECT source, external_id, epoch(t) - epoch(lag(t) OVER (PARTITION BY source, external_id ORDER BY t)) AS gap
      FROM (
        SELECT source, external_id, opened_at AS t FROM incidents WHERE opened_at <= resolved_at
        UNION ALL SELECT e.source, e.external_id, e.occurred_at FROM incident_events e
          JOIN incidents x ON x.source = e.source AND x.external_id = e.external_id
          WHERE e.kind = 'stakeholder_update' AND e.occurred_at BETWEEN x.opened_at AND x.resolved_at
        UNION ALL SELECT source, external_id, resolved_at FROM incidents WHERE opened_at <= resolved_at
      )
    ) GROUP BY source, external_id
  ) gaps ON gaps.source = i.source AND gaps.external_id = i.external_id
),
filtered AS (SELECT *, CASE WHEN opened_at IS NOT NULL AND first_resolved_at IS NOT NULL AND first_resolved_at >= opened_at THEN (epoch_us(first_resolved_at) - epoch_us(opened_at)) END AS __v0, CASE WHEN opened_at IS NOT NULL AND first_escalated_at IS NOT NULL AND first_escalated_at >= opened_at THEN (epoch_us(first_escalated_at) - epoch_us(opened_at)) END AS __v1, CASE WHEN opened_at IS NOT NULL AND first_update_at IS NOT NULL AND first_update_at >= opened_at THEN (epoch_us(first_update_at) - epoch_us(opened_at)) END AS __v2 FROM base WHERE opened_at IS NOT NULL AND NOT is_drill AND NOT list_contains(quality_flags, 'maintenance') AND severity IN ($1, $2)),
agg AS (SELECT round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS ttfr_median, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS ttfr_p90, round((quantile_cont(__v0, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS ttfr_p95, round(avg(__v0) / 1e6, 3) AS ttfr_mean, round(exp(avg(ln(CASE WHEN __v0 > 0 THEN __v0 END))) / 1e6, 3) AS ttfr_geomean, CAST(count(__v0) AS INTEGER) AS ttfr_n, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS tte_median, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS tte_p90, round((quantile_cont(__v1, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS tte_p95, round(avg(__v1) / 1e6, 3) AS tte_mean, round(exp(avg(ln(CASE WHEN __v1 > 0 THEN __v1 END))) / 1e6, 3) AS tte_geomean, CAST(count(__v1) AS INTEGER) AS tte_n, round((quantile_cont(__v2, [0.5, 0.9, 0.95]))[1] / 1e6, 3) AS ttfu_median, round((quantile_cont(__v2, [0.5, 0.9, 0.95]))[2] / 1e6, 3) AS ttfu_p90, round((quantile_cont(__v2, [0.5, 0.9, 0.95]))[3] / 1e6, 3) AS ttfu_p95, round(avg(__v2) / 1e6, 3) AS ttfu_mean, round(exp(avg(ln(CASE WHEN __v2 > 0 THEN __v2 END))) / 1e6, 3) AS ttfu_geomean, CAST(count(__v2) AS INTEGER) AS ttfu_n, CAST(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL) AND (max_update_gap_seconds IS NOT NULL AND max_update_gap_seconds <= cadence_limit_seconds)) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL)), 0) AS cadence_rate, CAST(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL) AND (max_update_gap_seconds IS NOT NULL AND max_update_gap_seconds <= cadence_limit_seconds)) AS INTEGER) AS cadence_count, CAST(count(*) FILTER (WHERE (resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL)) AS INTEGER) AS cadence_n, CAST(count(*) FILTER (WHERE (root_cause IS NOT NULL AND service IS NOT NULL) AND (previous_same_cause_at IS NOT NULL AND epoch(opened_at) - epoch(previous_same_cause_at) <= $9)) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE (root_cause IS NOT NULL AND service IS NOT NULL)), 0) AS recurrence_rate, CAST(count(*) FILTER (WHERE (root_cause IS NOT NULL AND service IS NOT NULL) AND (previous_same_cause_at IS NOT NULL AND epoch(opened_at) - epoch(previous_same_cause_at) <= $9)) AS INTEGER) AS recurrence_count, CAST(count(*) FILTER (WHERE (root_cause IS NOT NULL AND service IS NOT NULL)) AS INTEGER) AS recurrence_n, CAST(count(*) FILTER (WHERE TRUE AND (opened_after_hours)) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE TRUE), 0) AS after_hours_rate, CAST(count(*) FILTER (WHERE TRUE AND (opened_after_hours)) AS INTEGER) AS after_hours_count, CAST(count(*) FILTER (WHERE TRUE) AS INTEGER) AS after_hours_n FROM filtered),
keys AS (SELECT 1 AS __one)
SELECT agg.ttfr_median AS ttfr_median,
       agg.ttfr_p90 AS ttfr_p90,
       agg.ttfr_p95 AS ttfr_p95,
       agg.ttfr_mean AS ttfr_mean,
       agg.ttfr_geomean AS ttfr_geomean,
       coalesce(agg.ttfr_n, 0) AS ttfr_n,
       agg.tte_median AS tte_median,
       agg.tte_p90 AS tte_p90,
       agg.tte_p95 AS tte_p95,
       agg.tte_mean AS tte_mean,
       agg.tte_geomean AS tte_geomean,
       coalesce(agg.tte_n, 0) AS tte_n,
       agg.ttfu_median AS ttfu_median,
       agg.ttfu_p90 AS ttfu_p90,
       agg.ttfu_p95 AS ttfu_p95,
       agg.ttfu_mean AS ttfu_mean,
       agg.ttfu_geomean AS ttfu_geomean,
       coalesce(agg.ttfu_n, 0) AS ttfu_n,
       agg.cadence_rate AS cadence_rate,
       coalesce(agg.cadence_count, 0) AS cadence_count,
       coalesce(agg.cadence_n, 0) AS cadence_n,
       agg.recurrence_rate AS recurrence_rate,
       coalesce(agg.recurrence_count, 0) AS recurrence_count,
       coalesce(agg.recurrence_n, 0) AS recurrence_n,
       agg.after_hours_rate AS after_hours_rate,
       coalesce(agg.after_hours_count, 0) AS after_hours_count,
       coalesce(agg.after_hours_n, 0) AS after_hours_n
FROM keys
LEFT JOIN agg ON TRUE



-- params: ["SEV1","SEV2","[1,2,3,4,5]","UTC","09:00","17:00","[]","[1800,3600]",2592000]
