/**
 * Jira Service Management SLA fields (`customfield_NNNNN` holding `{completedCycles,
 * ongoingCycle?, slaDisplayFormat}`; see api-samples/jira-jsm-sla-customfields.json), kept in
 * `custom` in a compact form: times as ISO text, durations in milliseconds, and no `friendly`
 * strings (they are localised, e.g. Korean, and relative: "yesterday 18:02").
 * OLD_SLA_FORMAT cycles may lack the time objects; those values stay null.
 */
import { jiraTimeMillis, jiraTimeText } from './dates.ts';

export interface SlaCycle {
  start: string | null;
  stop: string | null;
  breach_at: string | null;
  breached: boolean | null;
  goal_ms: number | null;
  elapsed_ms: number | null;
  remaining_ms: number | null;
  paused?: boolean | null;
}

export interface SlaSummary {
  name: string | null;
  completed: SlaCycle[];
  ongoing: SlaCycle | null;
}

export function isSlaValue(value: unknown): value is Record<string, unknown> {
  return isObject(value) && Array.isArray(value.completedCycles) && ('slaDisplayFormat' in value || 'ongoingCycle' in value);
}

export function summariseSla(value: Record<string, unknown>): SlaSummary {
  const completed = (value.completedCycles as unknown[]).filter(isObject).map((cycle) => summariseCycle(cycle));
  const ongoing = isObject(value.ongoingCycle) ? { ...summariseCycle(value.ongoingCycle), paused: bool(value.ongoingCycle.paused) } : null;
  return { name: typeof value.name === 'string' ? value.name : null, completed, ongoing };
}

/**
 * When the first completed cycle of a first-response SLA stopped: the moment an agent first
 * responded, used as acknowledged_at when no changelog says otherwise. Matched by name, so an
 * SLA named in another language ("최초 응답 SLA") is not recognised (kept in custom only).
 */
export function firstResponseAt(slas: readonly SlaSummary[]): string | null {
  const stops = slas
    .filter((sla) => sla.name !== null && /first (response|reply)/i.test(sla.name))
    .map((sla) => sla.completed[0]?.stop ?? null)
    .filter((stop): stop is string => stop !== null);
  // Offsets differ between sites and users, so order by instant, not by text.
  return stops.sort((a, b) => jiraTimeMillis(a) - jiraTimeMillis(b))[0] ?? null;
}

function summariseCycle(cycle: Record<string, unknown>): SlaCycle {
  return {
    start: time(cycle.startTime),
    stop: time(cycle.stopTime),
    breach_at: time(cycle.breachTime),
    breached: bool(cycle.breached),
    goal_ms: millis(cycle.goalDuration),
    elapsed_ms: millis(cycle.elapsedTime),
    remaining_ms: millis(cycle.remainingTime),
  };
}

/** `{iso8601, jira, friendly, epochMillis}` → ISO text (second precision is what iso8601 has). */
function time(value: unknown): string | null {
  if (!isObject(value)) return null;
  return jiraTimeText(value.iso8601) ?? jiraTimeText(value.jira) ?? jiraTimeText(value.epochMillis);
}

function millis(value: unknown): number | null {
  return isObject(value) && typeof value.millis === 'number' ? value.millis : null;
}

function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
