/**
 * Keeps one copy per id: the one with the latest `updated_at`, and at equal (or unreadable)
 * times the later one in the file. Saved responses repeat incidents — overlapping time windows,
 * or a poller appending a snapshot of a status page every few minutes — and the shared typing
 * step would keep whichever copy came last in the file, which need not be the newest.
 * Records without an id are all kept (the typing step derives an id from each one's content).
 *
 * Used by the pagerduty and statuspage profiles; a candidate for ingest/ once shared.
 */
export function latestCopies<T>(items: readonly T[], idOf: (item: T) => string | null, updatedAtOf: (item: T) => string | null): T[] {
  const winner = new Map<string, number>();
  items.forEach((item, index) => {
    const id = idOf(item);
    if (id === null) return;
    const current = winner.get(id);
    if (current === undefined || time(updatedAtOf(item)) >= time(updatedAtOf(items[current]!))) winner.set(id, index);
  });
  return items.filter((item, index) => {
    const id = idOf(item);
    return id === null || winner.get(id) === index;
  });
}

function time(text: string | null): number {
  const ms = text === null ? Number.NaN : Date.parse(text);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}
