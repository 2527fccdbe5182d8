/**
 * The data-quality view: how many stored records carry each quality flag, what the flag means
 * and what it does to the numbers, with example ids so an analyst can look them up. Every
 * record an import could not fully use is here — nothing is silently dropped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface QualityReason {
  table: 'incidents' | 'action_items';
  reason: string;
  description: string;
  count: number;
  examples: Array<{ source: string; id: string }>;
}

export interface QualityReport {
  incidents: number;
  flaggedIncidents: number;
  actionItems: number;
  flaggedActionItems: number;
  reasons: QualityReason[];
}

const KNOWN: Record<string, string> = {
  missing_external_id: 'the record had no id; it is stored under an id derived from its content',
  missing_opened_at: 'no opening time: left out of every time-based metric',
  resolved_before_opened: 'resolved before it was opened: left out of time-to-resolve',
  acknowledged_before_opened: 'acknowledged before it was opened: left out of time-to-acknowledge',
  mitigated_before_opened: 'mitigated before it was opened: left out of time-to-mitigate',
  closed_before_opened: 'closed before it was opened: left out of durations that end at closing',
  unknown_severity: 'a severity no table knows: kept as written, with no rank',
  unknown_status: 'a status no table knows: kept as written',
  missing_item_id: 'the action item had no id; it is stored under an id derived from its content',
  completed_before_created: 'completed before it was created: left out of on-time completion',
  not_an_object: 'the JSON record was not an object',
};

export function describeFlag(flag: string): string {
  if (KNOWN[flag]) return KNOWN[flag];
  const invalid = /^invalid_(.+)$/.exec(flag);
  if (invalid) return `the ${invalid[1]} value could not be read; it is stored as empty (or the field's default)`;
  return flag.replaceAll('_', ' ');
}

export async function qualityReport(connection: DuckDBConnection, exampleCount = 5): Promise<QualityReport> {
  const totals = (await connection.runAndReadAll(`
    SELECT (SELECT CAST(count(*) AS INTEGER) FROM incidents) AS incidents,
           (SELECT CAST(count(*) AS INTEGER) FROM incidents WHERE len(quality_flags) > 0) AS flagged_incidents,
           (SELECT CAST(count(*) AS INTEGER) FROM action_items) AS action_items,
           (SELECT CAST(count(*) AS INTEGER) FROM action_items WHERE len(quality_flags) > 0) AS flagged_action_items`)).getRowObjectsJson()[0]!;
  const reasons = await connection.runAndReadAll(
    `SELECT tbl, flag, CAST(count(*) AS INTEGER) AS n, list({'source': source, 'id': id} ORDER BY source, id)[1:$1] AS examples
     FROM (
       SELECT 'incidents' AS tbl, source, external_id AS id, unnest(quality_flags) AS flag FROM incidents
       UNION ALL
       SELECT 'action_items', source, item_id, unnest(quality_flags) FROM action_items
     )
     GROUP BY tbl, flag ORDER BY n DESC, tbl, flag`,
    [exampleCount],
  );
  return {
    incidents: Number(totals.incidents),
    flaggedIncidents: Number(totals.flagged_incidents),
    actionItems: Number(totals.action_items),
    flaggedActionItems: Number(totals.flagged_action_items),
    reasons: reasons.getRowObjectsJson().map((row) => ({
      table: row.tbl as QualityReason['table'],
      reason: String(row.flag),
      description: describeFlag(String(row.flag)),
      count: Number(row.n),
      examples: row.examples as unknown as QualityReason['examples'],
    })),
  };
}
