/** Small readers for PagerDuty's JSON objects: references (`{id, summary}`), lists, text. */
import { asText } from '../../read-json.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `summary` of a reference object such as `service` or `priority`, else null. */
export function summaryOf(value: unknown): string | null {
  return isObject(value) ? textOf(value.summary) : null;
}

/** Text of a scalar, null for null, missing, empty or whitespace-only values. */
export function textOf(value: unknown): string | null {
  if (isObject(value) || Array.isArray(value)) return null;
  const text = asText(value);
  return text === null || text.trim() === '' ? null : text;
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Summaries of a list of references, skipping entries without one. */
export function summaries(value: unknown): string[] {
  return listOf(value).map(summaryOf).filter((name): name is string => name !== null);
}

/** The object without keys whose value is null or an empty list (keeps `custom` small and stable). */
export function compact(record: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}
