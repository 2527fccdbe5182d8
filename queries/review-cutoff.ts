/**
 * The review window's cutoff snapped to the data, so cached answers that involve review
 * coverage survive the clock moving on.
 *
 * Review coverage counts the incidents resolved at or before now minus the review window
 * (`:review_cutoff_us`). Bound as now − window, the cutoff changes every minute and so does the
 * answer cache's key, although the incidents it selects change only when one more incident's
 * window closes. The latest resolution at or before now − window selects exactly the same
 * incidents (nothing is resolved between it and now − window), for any filter, and stays the
 * same until the data or the set of closed windows changes. Comparisons are in integer
 * microseconds, so the snapped value is the resolution instant itself, not a rounded one.
 * Hazard avoided: a cutoff snapped over a subset of incidents could exclude an incident of
 * another subset; it is taken over the whole table, which is a superset of every request's.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { reviewCutoffAt, type CompileContext } from './compile/context.ts';
import { dataVersion } from './data-version.ts';
import { findMetric } from './metrics/catalog.ts';

/** Below every instant DuckDB can store: the cutoff when no incident's window has closed yet. */
const BEFORE_ALL = Number.MIN_SAFE_INTEGER;

/** Whether any of the metrics reads the review cutoff (its catalog fragments name it). */
export function readsReviewCutoff(metricIds: readonly string[]): boolean {
  return metricIds.some((id) => JSON.stringify(findMetric(id) ?? {}).includes(':review_cutoff_us'));
}

/**
 * The last snap per connection: the scan for it (~10 ms at 1,000,000 incidents) would otherwise
 * be paid by every request the answer cache serves. Valid while the data version and the
 * unsnapped cutoff (which moves once a minute) are the same.
 */
const lastSnap = new WeakMap<DuckDBConnection, { version: number; cutoff: number; snapped: number }>();

/** `context` with reviewCutoffUs set to the latest resolution at or before now − the review window. */
export async function withSnappedReviewCutoff(connection: DuckDBConnection, context: CompileContext): Promise<CompileContext> {
  const cutoff = reviewCutoffAt(context.now, context.reviewWindowSeconds);
  const version = await dataVersion(connection);
  const last = lastSnap.get(connection);
  if (last && last.version === version && last.cutoff === cutoff) return { ...context, reviewCutoffUs: last.snapped };
  const reader = await connection.runAndReadAll(
    'SELECT CAST(max(epoch_us(resolved_at)) AS VARCHAR) AS latest FROM incidents WHERE epoch_us(resolved_at) <= CAST($1 AS BIGINT)',
    [cutoff],
  );
  const latest = reader.getRowObjectsJson()[0]?.latest;
  const snapped = typeof latest === 'string' ? Number(latest) : BEFORE_ALL;
  lastSnap.set(connection, { version, cutoff, snapped });
  return { ...context, reviewCutoffUs: snapped };
}
