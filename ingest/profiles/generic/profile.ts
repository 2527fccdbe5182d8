/**
 * The generic profile's stage step: CSV through DuckDB's read_csv (the fast path for large
 * files), JSON array or NDJSON through JavaScript (nested values, dotted-path mappings).
 * A field maps from the column (or path) named in --map, else from a column with the
 * canonical name; columns that map to nothing are kept in `custom`.
 */
import { InputError } from '../../../queries/errors.ts';
import type { TextIncident } from '../../canonical.ts';
import { TARGETS, TARGET_NAMES, type Target } from '../../targets.ts';
import { asText, getPath, readJsonFile, readNdjsonFile } from '../../read-json.ts';
import { quoteIdent, quoteString } from '../../sql.ts';
import { stageIncidentRecords } from '../../stage-records.ts';
import type { ImportContext, Profile, StagedImport } from '../types.ts';
import { formatOf } from './options.ts';
import { csvReadError, csvSource, stageCsv } from './read-csv.ts';

export const genericProfile: Profile = {
  name: 'generic',
  description: "CSV, JSON array or NDJSON with Hindsight's field names, or mapped with --map",
  targets: TARGET_NAMES,
  async stage(context) {
    return formatOf(context.file) === 'csv' ? stageGenericCsv(context) : stageGenericJson(context);
  },
};

/** source column → target field, for the columns that map to one (a mapping beats a same-named column). */
export function resolveColumns(columns: readonly string[], map: Record<string, string>, target: Target = 'incidents'): Map<string, string> {
  const fields: readonly string[] = TARGETS[target].fields;
  const resolved = new Map<string, string>();
  for (const column of columns) {
    const field = map[column] ?? (fields.includes(column) && !Object.values(map).includes(column) ? column : undefined);
    if (field) resolved.set(column, field);
  }
  return resolved;
}

function requireFields(file: string, target: Target, resolved: Map<string, string>, found: readonly string[], what: string): void {
  const mapped = new Set(resolved.values());
  const missing = TARGETS[target].required.filter((field) => !mapped.has(field));
  if (missing.length === 0) return;
  const plural = missing.length > 1 ? 's' : '';
  throw new InputError(
    `${file}: missing required ${what}${plural} ${missing.map((m) => `"${m}"`).join(', ')} for ${target === 'incidents' ? 'the generic profile' : `--into ${target}`} (found: ${found.join(', ') || 'none'}; map one with --map ${what}=${missing[0]}).`,
  );
}

async function stageGenericCsv(context: ImportContext): Promise<StagedImport> {
  if (context.target === 'incidents') return streamGenericCsv(context);
  const staged = await stageCsv(context.connection, context.file, context.stageTable);
  const resolved = resolveColumns(staged.columns, context.map, context.target);
  requireFields(context.file, context.target, resolved, staged.columns, 'column');
  const fields: Partial<Record<string, string>> = {};
  for (const [column, field] of resolved) fields[field] = quoteIdent(column);
  const extra = staged.columns.filter((column) => !resolved.has(column));
  return {
    table: context.stageTable,
    records: staged.records,
    fields,
    custom: extra.length ? `json_object(${extra.map((c) => `${quoteString(c)}, ${quoteIdent(c)}`).join(', ')})` : null,
    profileFlags: null,
    events: null,
  };
}

/**
 * Incidents from a CSV are read straight from the file by the import's statements (no staged
 * copy): a large export then streams into the store instead of being held in memory twice.
 * Action items and timelines are still staged; they are small, and their typing reads `__record`.
 */
async function streamGenericCsv(context: ImportContext): Promise<StagedImport> {
  const source = await csvSource(context.connection, context.file, context.stageTable);
  const resolved = resolveColumns(source.columns, context.map, context.target);
  requireFields(context.file, context.target, resolved, source.columns, 'column');
  const fields: Partial<Record<string, string>> = {};
  for (const [column, field] of resolved) fields[field] = quoteIdent(column);
  const extra = source.columns.filter((column) => !resolved.has(column));
  return {
    table: source.from,
    records: null,
    raw: source.raw,
    // The file's own order: the reader keeps it (DuckDB's preserve_insertion_order, on by default).
    record: 'row_number() OVER ()',
    values: source.values,
    readError: (error) => csvReadError(context.file, error),
    fields,
    custom: extra.length ? `json_object(${extra.map((c) => `${quoteString(c)}, ${quoteIdent(c)}`).join(', ')})` : null,
    profileFlags: null,
    events: null,
  };
}

async function stageGenericJson(context: ImportContext): Promise<StagedImport> {
  const parsed = formatOf(context.file) === 'ndjson' ? readNdjsonFile(context.file) : readJsonFile(context.file);
  if (!Array.isArray(parsed)) throw new InputError(`${context.file}: expected a JSON array of incident objects.`);
  const keys = [...new Set(parsed.flatMap((record) => (isObject(record) ? Object.keys(record) : [])))];
  const paths = [...new Set([...keys, ...Object.keys(context.map)])];
  const resolved = new Map<string, string>();
  for (const [path, field] of resolveColumns(paths, context.map, context.target)) {
    if (parsed.some((record) => getPath(record, path) !== undefined)) resolved.set(path, field);
  }
  requireFields(context.file, context.target, resolved, keys, 'field');
  const used = new Set([...resolved.keys()].map((path) => path.split('.')[0]));
  const records: TextIncident[] = parsed.map((record) => {
    const fields: Record<string, string | null> = {};
    for (const [path, field] of resolved) fields[field] = asText(getPath(record, path));
    const custom = isObject(record) ? Object.fromEntries(Object.entries(record).filter(([key]) => !used.has(key))) : null;
    return { fields, custom, raw: record, flags: isObject(record) ? [] : ['not_an_object'] };
  });
  await stageIncidentRecords(context.connection, context.stageTable, records, TARGETS[context.target].fields);
  const fields = Object.fromEntries([...new Set(resolved.values())].map((field) => [field, quoteIdent(field)]));
  return { table: context.stageTable, records: records.length, fields, custom: '__custom', profileFlags: '__flags', events: null };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
