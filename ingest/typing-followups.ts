/**
 * Typing for the two other import targets, in the same spirit as typing.ts (pure SQL builders,
 * text in, typed rows out, problems flagged or counted — never silently dropped):
 * - action items keep every record, flagged when a value is unusable;
 * - timeline events need an incident id, a readable time and a known kind to be stored at all;
 *   the others stay in the staged table and the import counts them (with examples).
 */
import { EVENT_KINDS } from './canonical.ts';
import type { TimestampReader } from './date-plans.ts';
import { quoteString } from './sql.ts';

export interface FollowupTypingInput {
  stagingTable: string;
  fields: Partial<Record<string, string>>;
  /** Reads timestamp fields (date-plans.ts). */
  timestamp: Pick<TimestampReader, 'read'>;
  sourceParam: string;
  importedAtParam: string;
}

const textOf = (fields: FollowupTypingInput['fields']) => (name: string) => {
  const expr = fields[name];
  return expr ? `NULLIF(trim(CAST(${expr} AS VARCHAR)), '')` : 'NULL';
};

export function typedActionItemsSql(input: FollowupTypingInput): string {
  const text = textOf(input.fields);
  const ts = (name: string) => input.timestamp.read(text(name), name);
  const derivedId = `'missing-id:' || md5(CAST(__raw AS VARCHAR))`;
  const status = `lower(${text('status')})`;
  const flags = [
    `CASE WHEN ${text('item_id')} IS NULL THEN 'missing_item_id' END`,
    ...['created_at', 'due_at', 'completed_at'].map((name) => `CASE WHEN ${text(name)} IS NOT NULL AND ${ts(name)} IS NULL THEN 'invalid_${name}' END`),
    `CASE WHEN ${ts('completed_at')} < ${ts('created_at')} THEN 'completed_before_created' END`,
    `CASE WHEN ${status} IS NOT NULL AND ${canonicalStatus(status, 'NULL')} IS NULL THEN 'unknown_status' END`,
  ];
  return `
SELECT ${input.sourceParam} AS source,
       coalesce(${text('item_id')}, ${derivedId}) AS item_id,
       ${text('external_id')} AS external_id,
       ${text('title')} AS title,
       ${text('owner')} AS owner,
       coalesce(${canonicalStatus(status, text('status'))}, CASE WHEN ${ts('completed_at')} IS NOT NULL THEN 'done' ELSE 'open' END) AS status,
       ${ts('created_at')} AS created_at,
       ${ts('due_at')} AS due_at,
       ${ts('completed_at')} AS completed_at,
       __raw AS raw,
       CAST(${input.importedAtParam} AS TIMESTAMPTZ) AS imported_at,
       CAST(${input.importedAtParam} AS TIMESTAMPTZ) AS updated_at,
       list_filter([${flags.join(', ')}], f -> f IS NOT NULL) AS quality_flags,
       __record AS record
FROM ${input.stagingTable}
QUALIFY row_number() OVER (PARTITION BY coalesce(${text('item_id')}, ${derivedId}) ORDER BY __record DESC) = 1`;
}

/** open / done / wont_do from the usual tracker words; `otherwise` when none fits. */
function canonicalStatus(status: string, otherwise: string): string {
  return `CASE WHEN ${status} IN ('open', 'new', 'to do', 'todo', 'in progress', 'pending', 'blocked') THEN 'open'
              WHEN ${status} IN ('done', 'completed', 'complete', 'closed', 'resolved', 'fixed') THEN 'done'
              WHEN ${status} IN ('wont_do', 'won''t do', 'wont do', 'canceled', 'cancelled', 'rejected', 'declined') THEN 'wont_do'
              ELSE ${otherwise} END`;
}

/** All staged events, typed, with `__problem` saying why one can't be stored (NULL when it can). */
export function typedEventsSql(input: FollowupTypingInput): string {
  const text = textOf(input.fields);
  const occurred = input.timestamp.read(text('occurred_at'), 'occurred_at');
  const kind = `lower(${text('kind')})`;
  const kinds = EVENT_KINDS.map(quoteString).join(', ');
  return `
SELECT ${input.sourceParam} AS source,
       ${text('external_id')} AS external_id,
       ${occurred} AS occurred_at,
       ${kind} AS kind,
       ${text('from_value')} AS from_value,
       ${text('to_value')} AS to_value,
       TRY_CAST(${text('level')} AS INTEGER) AS level,
       ${text('actor')} AS actor,
       ${text('body')} AS body,
       __record AS __order,
       CASE WHEN ${text('external_id')} IS NULL THEN 'missing_external_id'
            WHEN ${occurred} IS NULL THEN 'invalid_occurred_at'
            WHEN ${kind} IS NULL OR ${kind} NOT IN (${kinds}) THEN 'unknown_kind'
       END AS __problem
FROM ${input.stagingTable}`;
}
