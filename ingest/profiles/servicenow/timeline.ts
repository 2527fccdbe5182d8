/**
 * Pure SQL builders for the event-log shape: every update row of an incident is compared with
 * the one before it (ordered by sys_mod_count, then sys_updated_on, then file order), and the
 * differences become the timeline:
 * - `status` for every state change (from → to);
 * - `acknowledged` once, at the first move out of an open state (New) into work, hold or
 *   resolution — not into Canceled. Assignment alone is not acknowledgement: groups are set by
 *   routing rules and people by auto-assignment, before anyone has looked;
 * - `on_hold` entering an on-hold state (On Hold, Awaiting …), `resumed` leaving it;
 * - `resolved` entering Resolved or Closed from an unresolved state;
 * - `reopened` leaving Resolved / Closed for an open, worked or on-hold state;
 * - `reassigned` for every assignment_group or assigned_to change after the first row (body
 *   names the field; the first assignment has no from_value);
 * - `escalated` when the priority is raised (a lower number: `3 - Moderate` → `2 - High`; body
 *   `priority`). Lowering it is not an event: de-escalation has no kind of its own.
 * Per incident it also derives what the latest row may lack: the acknowledgement time, the
 * final resolution time, reopenings, reassignments (updates that took the incident away from a
 * group or person who had it — one per update even when group and person both change), and
 * escalations (every priority raise).
 * Comparisons skip rows whose state is empty or unknown (lag … IGNORE NULLS).
 */
import { ROW } from './expressions.ts';

const RESOLVED = "('resolved', 'closed')";

/** `table` holds the derived columns (expressions.ts), one row per update. */
export function eventsSql(table: string): string {
  const step = (k: number, kind: string, from: string, to: string, body: string, where: string) =>
    `SELECT id, seq, occurred, actor, ${k} AS k, '${kind}' AS kind, ${from} AS f, ${to} AS t, ${body} AS body FROM steps WHERE ${where}`;
  return `
WITH updates AS (
  SELECT ${ROW.number} AS id, ${ROW.state} AS state, ${ROW.stateClass} AS cls, ${ROW.group} AS grp, ${ROW.person} AS person,
         ${ROW.priority} AS prio, TRY_CAST(regexp_extract(${ROW.priority}, '^\\s*(\\d+)', 1) AS INTEGER) AS prio_rank,
         ${ROW.updated} AS occurred, ${ROW.updatedBy} AS actor,
         row_number() OVER (PARTITION BY ${ROW.number} ORDER BY ${ROW.modCount} NULLS FIRST, ${ROW.updated} NULLS FIRST, __record) AS seq
  FROM ${table}
  WHERE ${ROW.number} IS NOT NULL
), steps AS (
  SELECT *, lag(state IGNORE NULLS) OVER w AS prev_state, lag(cls IGNORE NULLS) OVER w AS prev_cls,
         lag(grp) OVER w AS prev_grp, lag(person) OVER w AS prev_person,
         lag(prio IGNORE NULLS) OVER w AS prev_prio, lag(prio_rank IGNORE NULLS) OVER w AS prev_prio_rank
  FROM updates WINDOW w AS (PARTITION BY id ORDER BY seq)
), found AS (
  ${step(1, 'status', 'prev_state', 'state', 'NULL', 'state IS NOT NULL AND prev_state IS NOT NULL AND state <> prev_state')}
  UNION ALL SELECT * FROM (
    ${step(2, 'acknowledged', 'prev_state', 'state', 'NULL', "prev_cls = 'open' AND cls IN ('acknowledged', 'on_hold', 'resolved', 'closed')")}
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq) = 1)
  UNION ALL ${step(3, 'on_hold', 'prev_state', 'state', 'NULL', "cls = 'on_hold' AND prev_cls IS NOT NULL AND prev_cls <> 'on_hold'")}
  UNION ALL ${step(4, 'resumed', 'prev_state', 'state', 'NULL', "prev_cls = 'on_hold' AND cls IS NOT NULL AND cls <> 'on_hold'")}
  UNION ALL ${step(5, 'resolved', 'prev_state', 'state', 'NULL', `cls IN ${RESOLVED} AND prev_cls IS NOT NULL AND prev_cls NOT IN ${RESOLVED}`)}
  UNION ALL ${step(6, 'reopened', 'prev_state', 'state', 'NULL', `prev_cls IN ${RESOLVED} AND cls IN ('open', 'acknowledged', 'on_hold')`)}
  UNION ALL ${step(7, 'reassigned', 'prev_grp', 'grp', "'assignment_group'", 'seq > 1 AND grp IS DISTINCT FROM prev_grp')}
  UNION ALL ${step(8, 'reassigned', 'prev_person', 'person', "'assigned_to'", 'seq > 1 AND person IS DISTINCT FROM prev_person')}
  UNION ALL ${step(9, 'escalated', 'prev_prio', 'prio', "'priority'", 'prio_rank < prev_prio_rank')}
)
SELECT id AS external_id, occurred AS occurred_at, kind, f AS from_value, t AS to_value, CAST(NULL AS INTEGER) AS level, actor, body,
       CAST(row_number() OVER (ORDER BY id, seq, k) AS INTEGER) AS __order,
       CAST(row_number() OVER (ORDER BY id, seq, k) AS INTEGER) AS __record,
       CAST(seq AS INTEGER) AS __seq
FROM found`;
}

/**
 * The latest row of each incident (rows without a number all stay), with the derived values as
 * `__ack_at`, `__last_resolved`, `__reopens`, `__reassigns`, `__escalations`.
 */
export function latestRowsSql(table: string, events: string): string {
  return `
SELECT s.*, d.* EXCLUDE (__d_id)
FROM ${table} s
LEFT JOIN (
  SELECT external_id AS __d_id,
         min(occurred_at) FILTER (WHERE kind = 'acknowledged') AS __ack_at,
         arg_max(occurred_at, __order) FILTER (WHERE kind = 'resolved') AS __last_resolved,
         count(*) FILTER (WHERE kind = 'reopened') AS __reopens,
         count(DISTINCT __seq) FILTER (WHERE kind = 'reassigned' AND from_value IS NOT NULL) AS __reassigns,
         count(*) FILTER (WHERE kind = 'escalated') AS __escalations
  FROM ${events} GROUP BY external_id
) d ON d.__d_id = ${ROW.number}
QUALIFY row_number() OVER (
  PARTITION BY coalesce(${ROW.number}, '#' || s.__record)
  ORDER BY ${ROW.modCount} DESC NULLS LAST, ${ROW.updated} DESC NULLS LAST, s.__record DESC) = 1`;
}
