/** The data-quality report: counts per reason with examples, over incidents and action items. */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { qualityReport } from '../../queries/quality.ts';
import { importFile } from '../../ingest/import-file.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());

describe('qualityReport', () => {
  it('counts each reason with example ids and says what it does to the numbers', async () => {
    const db = await openDatabase(':memory:');
    try {
      const file = dir.path('q.csv');
      writeFileSync(file, [
        'external_id,title,opened_at,resolved_at,severity',
        'A,a,2026-01-01T10:00:00Z,2026-01-01T09:00:00Z,SEV1',
        'B,b,2026-01-01T10:00:00Z,2026-01-01T09:00:00Z,SEV9',
        'C,c,2026-01-01T10:00:00Z,,SEV2',
      ].join('\n'));
      await importFile(db.connection, { file, profile: 'generic', source: 'csv' });
      const report = await qualityReport(db.connection);
      expect(report).toMatchObject({ incidents: 3, flaggedIncidents: 2, actionItems: 0, flaggedActionItems: 0 });
      expect(report.reasons).toEqual([
        { table: 'incidents', reason: 'resolved_before_opened', description: 'resolved before it was opened: left out of time-to-resolve', count: 2, examples: [{ source: 'csv', id: 'A' }, { source: 'csv', id: 'B' }] },
        { table: 'incidents', reason: 'unknown_severity', description: 'a severity no table knows: kept as written, with no rank', count: 1, examples: [{ source: 'csv', id: 'B' }] },
      ]);
    } finally {
      db.close();
    }
  });
});
