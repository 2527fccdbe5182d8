/**
 * PagerDuty REST v2, in the two phases of cursor.ts:
 *
 * - full: GET /incidents per creation-time window (`window`, default 30 days; windows.ts and
 *   pages.ts keep offset + limit ≤ 10,000), limit 100, `sort_by=created_at:asc` so incidents
 *   created while we page are appended rather than shifting offsets; each incident gets its log
 *   entries. The cursor moves to the end of a window once the window is read.
 * - incremental: GET /log_entries for [cursor − overlap, now) names every incident that changed
 *   (a new one has its trigger entry); each is fetched again with its whole log.
 *
 * Every window's `until` lies in the past when asked, so the set being paged can't grow.
 */
import { mapLimit } from '../limit.ts';
import type { Page, ReaderContext } from '../types.ts';
import { formatCursor, parseCursor } from './cursor.ts';
import { fetchIncident, matchesFilters, withLogEntries } from './incident.ts';
import { DEFAULT_PAGERDUTY_HISTORY_MS, type PagerDutySource } from './options.ts';
import { windowPages, type ListRequest } from './pages.ts';
import { iso, slices } from './windows.ts';

export async function* readPagerDuty(context: ReaderContext<PagerDutySource>): AsyncGenerator<Page> {
  const { source } = context;
  const stored = context.cursor === null ? null : parseCursor(source.name, context.cursor);
  if (stored?.mode === 'incremental') {
    yield* incremental(context, Date.parse(stored.since) - source.overlap);
    return;
  }
  const started = stored?.started ?? context.now.toISOString();
  const from = stored?.next ?? source.start ?? iso(context.now.getTime() - DEFAULT_PAGERDUTY_HISTORY_MS);
  yield* full(context, Date.parse(from), started);
}

async function* full(context: ReaderContext<PagerDutySource>, from: number, started: string): AsyncGenerator<Page> {
  const { source, http } = context;
  const request = list(context, 'incidents', [
    ['sort_by', 'created_at:asc'],
    ...source.service_ids.map((id): [string, string] => ['service_ids[]', id]),
    ...source.team_ids.map((id): [string, string] => ['team_ids[]', id]),
  ]);
  for (const window of slices(from, Date.parse(started), source.window)) {
    const seen = new Set<string>();
    for await (const items of windowPages(request, window)) {
      const fresh = items.filter((incident) => !seen.has(String(incident.id)));
      fresh.forEach((incident) => seen.add(String(incident.id)));
      const records = await mapLimit(fresh, source.concurrency, (incident) => withLogEntries(http, source, incident));
      yield { records, cursor: null };
    }
    yield { records: [], cursor: formatCursor({ mode: 'full', next: iso(window.until), started }) };
  }
  yield { records: [], cursor: formatCursor({ mode: 'incremental', since: started }) };
}

async function* incremental(context: ReaderContext<PagerDutySource>, since: number): AsyncGenerator<Page> {
  const { source, http } = context;
  const until = context.now.getTime();
  const request = list(context, 'log_entries', source.team_ids.map((id): [string, string] => ['team_ids[]', id]));
  const changed = new Set<string>();
  for (const window of slices(since, until, source.window)) {
    for await (const entries of windowPages(request, window)) {
      for (const entry of entries) {
        const incident = entry.incident as { id?: unknown } | undefined;
        if (typeof incident?.id === 'string') changed.add(incident.id);
      }
    }
  }
  const ids = [...changed].sort();
  for (let start = 0; start < ids.length; start += source.page_size) {
    const found = await mapLimit(ids.slice(start, start + source.page_size), source.concurrency, async (id) => {
      const incident = await fetchIncident(http, source, id);
      if (incident === null) context.note(`PagerDuty no longer has incident ${id} (merged or deleted); the stored copy is kept as it was.`);
      return incident !== null && matchesFilters(source, incident) ? withLogEntries(http, source, incident) : null;
    });
    yield { records: found.filter((incident) => incident !== null), cursor: null };
  }
  yield { records: [], cursor: formatCursor({ mode: 'incremental', since: iso(until) }) };
}

function list(context: ReaderContext<PagerDutySource>, key: string, params: Array<[string, string]>): ListRequest {
  return { http: context.http, source: context.source.name, endpoint: `${context.source.base_url}/${key}`, key, limit: context.source.page_size, params };
}
