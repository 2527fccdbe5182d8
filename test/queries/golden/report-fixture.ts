/**
 * A small report data set whose every number is worked out by hand in test/queries/report.test.ts:
 * October 2026 (five real incidents, one drill, one flagged record) against September 2026 (two),
 * one SEV1 target, two process changes and three action items.
 */
import { addAnnotation } from '../../../queries/annotations.ts';
import type { Database } from '../../../queries/db.ts';
import type { Target } from '../../../queries/targets/target.ts';
import { openDatabase } from '../../../queries/db.ts';
import { seed } from './seed.ts';

export const NOW = new Date('2026-11-30T12:00:00Z');
export const M = 60;
export const H = 3600;
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
const incident = (id: string, severity: string, service: string, rootCause: string | null, opened: string, ackAfter: number, resolveAfter: number | null, extra: Record<string, unknown> = {}) => ({
  external_id: id, severity, service, root_cause: rootCause, team: service === 'db' ? 'data' : 'platform', opened_at: opened,
  acknowledged_at: at(opened, ackAfter), resolved_at: resolveAfter === null ? null : at(opened, resolveAfter), status: resolveAfter === null ? 'open' : 'resolved',
  url: `https://tickets.example.com/${id}`, ...extra,
});

export const TARGETS: Target[] = [{ kind: 'share', severity: 'SEV1', metric: 'mtta', threshold: 3 * M, share: 0.9 }];

/** The data set in a DuckDB file at `path` (default in memory). */
export async function reportFixture(path = ':memory:'): Promise<Database> {
  const db = await openDatabase(path);
  await seed(db.connection, {
    incidents: [
      // October: five real incidents, one drill.
      incident('A1', 'SEV1', 'api', 'deploy', '2026-10-02T10:00:00Z', 5 * M, 2 * H, { postmortem_url: 'https://wiki/pm/A1', postmortem_done_at: '2026-10-05T10:00:00Z' }),
      incident('A2', 'SEV2', 'api', 'deploy', '2026-10-10T00:00:00Z', 10 * M, 1 * H, { title: 'Gateway | 502s for Zoë' }),
      incident('A3', 'SEV3', 'db', 'disk', '2026-10-15T00:00:00Z', 30 * M, 4 * H, { reopen_count: 1 }),
      incident('A4', 'SEV3', 'web', null, '2026-10-20T00:00:00Z', 20 * M, null),
      { ...incident('Z1', 'P9', 'web', 'config', '2026-10-25T00:00:00Z', 1 * M, 10 * M), severity_rank: null, quality_flags: ['unknown_severity'] },
      incident('D1', 'SEV2', 'api', 'deploy', '2026-10-05T00:00:00Z', 2 * M, 30 * M, { is_drill: true }),
      // September: two.
      incident('B1', 'SEV2', 'api', 'deploy', '2026-09-10T00:00:00Z', 15 * M, 3 * H),
      incident('B2', 'SEV3', 'db', 'disk', '2026-09-20T00:00:00Z', 40 * M, 6 * H),
    ],
    action_items: [
      { item_id: 'AI1', external_id: 'A1', owner: 'ana', status: 'open', created_at: '2026-10-03T00:00:00Z', due_at: '2026-10-10T00:00:00Z' },
      { item_id: 'AI2', external_id: 'A2', owner: 'ana', status: 'done', created_at: '2026-10-11T00:00:00Z', due_at: '2026-10-20T00:00:00Z', completed_at: '2026-10-12T00:00:00Z' },
      { item_id: 'AI3', external_id: 'B1', owner: 'bo', status: 'open', created_at: '2026-09-15T00:00:00Z', due_at: '2026-12-31T00:00:00Z' },
    ],
  });
  await addAnnotation(db.connection, { date: '2026-10-01', label: 'New paging policy' });
  await addAnnotation(db.connection, { date: '2026-01-15', label: 'Too early to matter' });
  return db;
}

