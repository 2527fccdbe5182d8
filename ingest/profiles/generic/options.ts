/**
 * The generic profile: a CSV, JSON array or NDJSON file whose fields use Hindsight's canonical
 * names (the columns `hindsight demo` writes), or are mapped onto them with --map / --map-file.
 * Fields it does not map are kept in `custom`; the whole source record is kept in `raw`.
 * The fields each `--into` target needs are in ingest/targets.ts.
 */
/** Source name used when --source is not given: re-imports of the same system then dedupe. */
export const DEFAULT_SOURCE = 'generic';

export type GenericFormat = 'csv' | 'json' | 'ndjson';

/** By extension; anything else is read as CSV (the common case for exports). */
export function formatOf(file: string): GenericFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return 'csv';
}
