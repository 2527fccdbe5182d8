/**
 * The PagerDuty cursor. PagerDuty can't list incidents by updated time (`since`/`until` filter
 * on creation), so a sync has two phases, and the cursor says which one it is in:
 *
 *   {"mode":"full","next":"…","started":"…"}   walking creation-time windows from `start`;
 *                                               `next` is where the next window begins
 *   {"mode":"incremental","since":"…"}          changes since then are found through log entries
 *
 * A full walk that is interrupted resumes at `next`; when it ends, the incremental phase starts
 * at the moment the walk began (`started`), so changes made during the walk are read next time.
 */
import { CursorError, isObject } from '../instants.ts';

export type PagerDutyCursor = { mode: 'full'; next: string; started: string } | { mode: 'incremental'; since: string };

export function parseCursor(source: string, text: string): PagerDutyCursor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) throw new CursorError(source, text);
    throw error;
  }
  const valid = (iso: unknown) => typeof iso === 'string' && !Number.isNaN(Date.parse(iso));
  if (isObject(value) && value.mode === 'full' && valid(value.next) && valid(value.started)) {
    return { mode: 'full', next: value.next as string, started: value.started as string };
  }
  if (isObject(value) && value.mode === 'incremental' && valid(value.since)) return { mode: 'incremental', since: value.since as string };
  throw new CursorError(source, text);
}

export function formatCursor(cursor: PagerDutyCursor): string {
  return JSON.stringify(cursor);
}
