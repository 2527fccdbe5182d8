/**
 * Durations as people write them in hindsight.yaml and targets: `45s`, `5m`, `2h`, `1d`, `1w`,
 * or a sum of parts such as `1h30m`. Pure; seconds in, seconds out.
 * Hazard avoided: `5 mins` or a bare `5` read as something (seconds? minutes?): anything else is
 * rejected with the one sentence below, so a target is never silently 60 times too lax.
 */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const WHOLE = /^(?:\d+(?:\.\d+)?[smhdw])+$/;
const PART = /(\d+(?:\.\d+)?)([smhdw])/g;

/** Seconds, or null when the text is not a duration. Zero is allowed (`0m`). */
export function parseDuration(text: string): number | null {
  const compact = text.trim();
  if (!WHOLE.test(compact)) return null;
  let seconds = 0;
  for (const [, amount, unit] of compact.matchAll(PART)) seconds += Number(amount) * UNIT_SECONDS[unit!]!;
  return seconds;
}

/** The sentence every "not a duration" error ends with. */
export function notADuration(text: unknown): string {
  return `${JSON.stringify(text)} is not a duration like 5m, 2h or 1d.`;
}

/** 300 → '5m', 5400 → '1h30m', 90061 → '1d1h1m1s': the same notation parseDuration reads. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return sign + (parts.join('') || '0s');
}
