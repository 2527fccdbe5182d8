/**
 * `hindsight import --profile github`: the profile the GitHub connector imports with, on saved
 * files — a sync batch with timelines (fixtures/samples/github/incident-issues.json) and plain
 * saved list pages without them (the REAL recorded bodies).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../ingest/import-file.ts';
import { openDatabase } from '../../../queries/db.ts';
import { tempDir } from '../../helpers/db.ts';
import { incident, NOW, rows } from './harness.ts';

const SAMPLES = 'fixtures/samples/github';
const REPO = 'octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe';
const dir = tempDir();
afterAll(() => dir.remove());

describe('github profile', () => {
  it('imports issues with timelines: pull requests skipped, events stored, importing again changes nothing', async () => {
    const db = await openDatabase(':memory:');
    try {
      const file = `${SAMPLES}/incident-issues.json`;
      const first = await importFile(db.connection, { file, profile: 'github', source: 'gh', now: () => NOW });
      expect(first).toMatchObject({ records: 5, inserted: 5, eventsRejected: 0 });
      const kinds = await rows(db.connection, `SELECT kind, count(*)::INTEGER AS n FROM incident_events WHERE external_id = '${REPO}#14' GROUP BY kind ORDER BY kind`);
      expect(kinds).toEqual([
        { kind: 'acknowledged', n: 1 }, { kind: 'reassigned', n: 1 }, { kind: 'reopened', n: 1 }, { kind: 'resolved', n: 2 }, { kind: 'status', n: 1 },
      ]);
      const [drill] = await rows(db.connection, `SELECT is_drill, status, custom->>'state_reason' AS reason FROM incidents WHERE external_id = '${REPO}#17'`);
      expect(drill).toEqual({ is_drill: true, status: 'canceled', reason: 'not_planned' });
      const again = await importFile(db.connection, { file, profile: 'github', source: 'gh', now: () => NOW });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    } finally {
      db.close();
    }
  });

  it('imports saved list pages without timelines: opened at creation, nothing derived from a timeline', async () => {
    const db = await openDatabase(':memory:');
    try {
      const exchanges = JSON.parse(readFileSync(`${SAMPLES}/issues-list-paginated-recorded.json`, 'utf8')) as Array<{ body: unknown[] }>;
      const file = dir.path('pages.ndjson');
      writeFileSync(file, `${exchanges.map((exchange) => JSON.stringify(exchange.body)).join('\n')}\n`);
      expect(await importFile(db.connection, { file, profile: 'github', source: 'gh', now: () => NOW })).toMatchObject({ records: 13, inserted: 13, events: 0 });
      expect(await incident(db.connection, `${REPO}#13`)).toMatchObject({ opened: '2022-07-19T04:39:16.000Z', status: 'open', acknowledged: null });
    } finally {
      db.close();
    }
  });

  it('refuses a GitHub error body with one sentence', async () => {
    const db = await openDatabase(':memory:');
    try {
      const file = dir.path('error.json');
      writeFileSync(file, '{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}');
      await expect(importFile(db.connection, { file, profile: 'github' })).rejects.toThrow(`${file}: holds a GitHub error response ("Not Found"), not issues.`);
    } finally {
      db.close();
    }
  });
});
