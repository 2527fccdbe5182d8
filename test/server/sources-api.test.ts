/**
 * GET /api/sources through app.request: last success, last error, lag and synced-through per
 * source, hand-checked against a fixed clock, and the schedule of a source that has one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRun } from '../../ingest/runs.ts';
import type { Database } from '../../queries/db.ts';
import { cursorInstant } from '../../queries/sources.ts';
import { createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import type { JobStatus } from '../../server/scheduler/scheduler.ts';
import { memoryDb } from '../helpers/db.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
let db: Database;

const job: JobStatus = {
  name: 'sync:itsm', cron: '*/15 * * * *', timezone: 'Europe/London', next_run_at: '2026-11-30T12:15:00.000Z', running_since: null,
  last_started_at: '2026-11-30T11:45:00.000Z', last_finished_at: '2026-11-30T11:45:07.000Z', last_error: null, runs: 3, failures: 1, skipped: 2,
  last_skipped_at: '2026-11-30T11:30:00.000Z',
};

beforeAll(async () => {
  db = await memoryDb([{ external_id: 'INC1', opened_at: '2026-11-01T10:00:00Z', source: 'itsm' }]);
  const run = (source: string, at: string, error?: string) => recordRun(db.connection, {
    kind: 'sync', source, profile: 'servicenow', status: error ? 'failed' : 'ok', startedAt: new Date(at), files: ['https://x.service-now.com'], ...(error ? { error } : {}),
  });
  // itsm: ok at 11:00, failed at 11:30, ok at 11:45 → lag 15 min; the failure stays visible.
  await run('itsm', '2026-11-30T11:00:00Z');
  await run('itsm', '2026-11-30T11:30:00Z', 'itsm: ServiceNow request to https://x.service-now.com/api/now/table/incident failed: HTTP 503.');
  await run('itsm', '2026-11-30T11:45:00Z');
  // pd: never succeeded.
  await run('pd', '2026-11-30T10:00:00Z', 'pd: PagerDuty rejected the credentials in PD_TOKEN (HTTP 401); check that the token is valid and may read this data.');
  await db.connection.run(`INSERT INTO sync_state VALUES ('itsm', '2026-11-30T11:44:10.000Z', now()),
    ('pd', '{"mode":"full","next":"2026-10-01T00:00:00.000Z","started":"2026-11-30T10:00:00.000Z"}', now())`);
});
afterAll(() => db.close());

describe('GET /api/sources', () => {
  it('shows last success, last error, lag and synced-through per source, and the schedule', async () => {
    const config = parseConfig([
      'sources:',
      '  - { name: itsm, type: servicenow, base_url: "https://x.service-now.com", auth: { token_env: SN }, schedule: "*/15 * * * *" }',
      '  - { name: pd, type: pagerduty, auth: { token_env: PD_TOKEN } }',
      '  - { name: status, type: statuspage, base_url: "https://status.example.com" }',
    ].join('\n'), null);
    const app = createApp({ db, webRoot: null, log: { info() {}, error() {} }, config, now: () => NOW, jobs: () => [job] });
    const body = await (await app.request('/api/sources')).json();
    const pick = (s: Record<string, unknown>) => ({
      source: s.source, last_success_at: s.last_success_at, last_error_at: s.last_error_at, last_error: s.last_error,
      lag_seconds: s.lag_seconds, synced_through: s.synced_through, last_run_status: s.last_run_status, schedule: s.schedule,
    });
    expect(body.sources.map(pick)).toEqual([
      {
        source: 'itsm', last_success_at: '2026-11-30T11:45:00Z', last_error_at: '2026-11-30T11:30:00Z',
        last_error: 'itsm: ServiceNow request to https://x.service-now.com/api/now/table/incident failed: HTTP 503.',
        lag_seconds: 900, synced_through: '2026-11-30T11:44:10Z', last_run_status: 'ok',
        schedule: { cron: '*/15 * * * *', timezone: 'Europe/London', next_run_at: '2026-11-30T12:15:00.000Z', running_since: null, skipped: 2 },
      },
      {
        source: 'pd', last_success_at: null, last_error_at: '2026-11-30T10:00:00Z',
        last_error: 'pd: PagerDuty rejected the credentials in PD_TOKEN (HTTP 401); check that the token is valid and may read this data.',
        lag_seconds: null, synced_through: null, last_run_status: 'failed', schedule: null,
      },
      // Configured, never run: listed so the operator sees it.
      { source: 'status', last_success_at: null, last_error_at: null, last_error: null, lag_seconds: null, synced_through: null, last_run_status: null, schedule: null },
    ]);
    expect(JSON.stringify(body)).not.toContain('token_env');
  });

  it('reads the cursor of each connector as the instant it covers', () => {
    expect(cursorInstant('2024-03-08T09:00:00.000Z')).toBe('2024-03-08T09:00:00Z');
    expect(cursorInstant('{"mode":"incremental","since":"2026-11-30T10:00:00.123Z"}')).toBe('2026-11-30T10:00:00.123Z');
    expect(cursorInstant('{"mode":"full","next":"2026-10-01T00:00:00.000Z","started":"2026-11-30T10:00:00.000Z"}')).toBeNull();
    expect(cursorInstant('{not json')).toBeNull();
    expect(cursorInstant(null)).toBeNull();
  });
});
