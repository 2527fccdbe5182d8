/**
 * Groups a reader's pages into batches: each batch is one transaction (data + cursor), so its
 * size trades commit overhead against how much a crash makes the next run re-read.
 *
 * A record fetched twice within a batch (one updated while we page is read again in its new
 * state; PagerDuty windows overlap at their edges) is kept once, its last copy: two copies of
 * one incident in one file would be read by some profiles as two updates of it (ServiceNow's
 * event-log shape). Within a batch the order of first appearance is kept.
 */
import type { Page } from './types.ts';

export interface Batch {
  records: unknown[];
  /** The cursor to commit with this batch, or null to leave the stored one. */
  cursor: string | null;
  meta: Record<string, unknown>;
  pages: number;
}

export async function* batchesOf(pages: AsyncIterable<Page>, key: (record: unknown) => string | null, size: number): AsyncGenerator<Batch> {
  let keyed = new Map<string, unknown>();
  let unkeyed: unknown[] = [];
  let cursor: string | null = null;
  let meta: Record<string, unknown> = {};
  let count = 0;
  const take = (): Batch => {
    const batch = { records: [...keyed.values(), ...unkeyed], cursor, meta, pages: count };
    keyed = new Map();
    unkeyed = [];
    cursor = null;
    meta = {};
    count = 0;
    return batch;
  };
  for await (const page of pages) {
    for (const record of page.records) {
      const id = key(record);
      if (id === null) unkeyed.push(record);
      else keyed.set(id, record);
    }
    if (page.cursor !== null) cursor = page.cursor;
    Object.assign(meta, page.meta);
    count += 1;
    const pending = keyed.size + unkeyed.length;
    // A cursor with nothing pending (an empty window, a page of only pull requests) is committed
    // at once: cheap, and a later crash then resumes after it.
    if (pending >= size || (page.cursor !== null && pending === 0)) yield take();
  }
  if (keyed.size + unkeyed.length > 0 || cursor !== null) yield take();
}
