/** hindsight.yaml: every section read, defaults documented, and one sentence per problem naming the key. */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { contextAt, defaultConfig, loadConfig, parseConfig } from '../../server/config.ts';
import { createApp } from '../../server/app.ts';
import { isInputError } from '../../queries/errors.ts';
import { seededDb } from '../queries/golden/seed.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());

const FULL = `
severity: { "1 - critical": 1, "Sev A": 2 }
status: { parked: on_hold }
calendar:
  tz: Europe/London
  workdays: [mon, tue, wed, thu, 5]
  hours: "08:30-17:30"
  holidays: [2026-12-25, "2026-12-28"]
communication: { SEV1: 15m, SEV3: 4h }
reviews: { due_within: 36h }
recurrence: { within: 2w }
targets:
  - { severity: SEV1, target: 90% acknowledged within 5m }
  - { severity: SEV1, target: "p90(mtta) <= 5m" }
  - { severity: SEV2, metric: mttr, share: 90%, threshold: 4h }
  - target: median(mttr) <= 2h
sources:
  - { name: ops-github, type: github, repo: acme/ops }
`;

function problems(text: string): string[] {
  try {
    parseConfig(text, '/etc/hindsight/hindsight.yaml');
  } catch (error) {
    expect(isInputError(error)).toBe(true);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseConfig', () => {
  it('reads every section into settings, scheme overrides and targets', () => {
    const config = parseConfig(FULL, '/etc/hindsight/hindsight.yaml');
    expect(config.scheme).toEqual({ severity: { '1 - critical': 1, 'Sev A': 2 }, status: { parked: 'on_hold' } });
    expect(config.settings).toEqual({
      calendar: { tz: 'Europe/London', workdays: [1, 2, 3, 4, 5], start: '08:30', end: '17:30', holidays: ['2026-12-25', '2026-12-28'] },
      updateIntervals: { 1: 900, 3: 14_400 },
      reviewWindowSeconds: 36 * 3600,
      recurrenceWindowSeconds: 14 * 86_400,
    });
    expect(config.targets).toEqual([
      { kind: 'share', severity: 'SEV1', metric: 'mtta', share: 0.9, threshold: 300 },
      { kind: 'aggregate', severity: 'SEV1', metric: 'mtta', aggregate: 'p90', operator: '<=', threshold: 300 },
      { kind: 'share', severity: 'SEV2', metric: 'mttr', share: 0.9, threshold: 14_400 },
      { kind: 'aggregate', severity: null, metric: 'mttr', aggregate: 'median', operator: '<=', threshold: 7200 },
    ]);
    expect(config.sources.map((source) => [source.name, source.type])).toEqual([['ops-github', 'github']]);
    const now = new Date('2026-03-01T00:00:00Z');
    expect(contextAt(config, now)).toEqual({ ...config.settings, now });
  });

  it('an empty file means the documented defaults', () => {
    const config = defaultConfig();
    expect(config.path).toBeNull();
    expect(config.settings).toEqual({
      calendar: { tz: 'UTC', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] },
      updateIntervals: { 1: 1800, 2: 3600 },
      reviewWindowSeconds: 7 * 86_400,
      recurrenceWindowSeconds: 30 * 86_400,
    });
    expect(config.targets).toEqual([]);
    expect(parseConfig('# nothing but a comment\n', null).settings).toEqual(config.settings);
  });

  it('names the key of every problem at once', () => {
    expect(problems(`
targets:
  - { severity: SEV1, target: 90% acknowledged within 5m }
  - { severity: SEV1, target: "p90(uptime) <= 5m" }
  - { severity: SEV2, metric: mttr, share: 90%, threshold: 5 mins }
calender: {}
calendar: { tz: Mars/Olympus, hours: 9-5, workdays: [funday], holidays: [2026-02-30] }
communication: { Critical: 5m, SEV2: 5 }
status: { parked: sleeping }
severity: { x: "one" }
reviews: 7d
`)).toEqual([
      'hindsight.yaml: severity.x: expected a number, got "one".',
      'hindsight.yaml: status.parked: "sleeping" is not allowed; allowed: open, acknowledged, on_hold, resolved, closed, canceled.',
      'hindsight.yaml: calendar.tz: "Mars/Olympus" is not an IANA time zone such as Europe/London.',
      'hindsight.yaml: calendar.workdays[0]: "funday" is not a weekday; use mon … sun or 1 (Monday) … 7.',
      'hindsight.yaml: calendar.hours: "9-5" is not working hours like "09:00-17:00" (start before end, 24-hour clock).',
      'hindsight.yaml: calendar.holidays[0]: "2026-02-30" is not a date like 2026-12-25.',
      'hindsight.yaml: communication.Critical: "Critical" is not a severity; use SEV1, SEV2, … (SEV1 = most severe).',
      'hindsight.yaml: communication.SEV2: 5 is not a duration like 5m, 2h or 1d.',
      'hindsight.yaml: reviews: expected a list of "key: value" settings, got "7d".',
      'hindsight.yaml: targets[1].target: "p90(uptime) <= 5m": "uptime" is not a duration metric; allowed: mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf.',
      'hindsight.yaml: targets[2].threshold: "5 mins" is not a duration like 5m, 2h or 1d.',
      'hindsight.yaml: unknown setting "calender"; check the spelling against the documented keys (docs/configuration.md).',
    ]);
  });

  it('target text errors say which forms are understood', () => {
    expect(problems('targets: [{ target: "MTTR should be fast" }]')).toEqual([
      'hindsight.yaml: targets[0].target: "MTTR should be fast" is not a target; write it as "90% acknowledged within 5m" or "p90(mtta) <= 5m".',
    ]);
    expect(problems('targets: [{ target: "120% resolved within 1h" }, { metric: mtta, aggregate: p99, threshold: 5m }]')).toEqual([
      'hindsight.yaml: targets[0].target: "120% resolved within 1h": "120%" is not a share like 90% (above 0%, at most 100%).',
      'hindsight.yaml: targets[1].aggregate: "p99" is not an aggregate; allowed: median, p90, p95, mean, geomean (or give a share such as 90%).',
    ]);
  });

  it('YAML syntax errors carry line and column', () => {
    expect(problems('calendar:\n  tz: [UTC\n')[0]).toMatch(/^hindsight\.yaml:\d+:\d+: .+\.$/);
    expect(problems('- just\n- a list\n')).toEqual(['hindsight.yaml: the file must hold settings as "key: value" lines.']);
  });
});

describe('loadConfig', () => {
  it('--config must exist; otherwise ./hindsight.yaml when present, else defaults', () => {
    expect(() => loadConfig('missing.yaml', dir.dir)).toThrow('missing.yaml: no such configuration file.');
    expect(loadConfig(undefined, dir.dir).path).toBeNull();
    writeFileSync(dir.path('hindsight.yaml'), 'reviews: { due_within: 3d }\n');
    expect(loadConfig(undefined, dir.dir)).toMatchObject({ path: dir.path('hindsight.yaml'), settings: { reviewWindowSeconds: 3 * 86_400 } });
    writeFileSync(dir.path('other.yaml'), 'recurrence: { within: 10d }\n');
    expect(loadConfig('other.yaml', dir.dir).settings.recurrenceWindowSeconds).toBe(10 * 86_400);
  });
});

describe('the API answers with the configured context and clock', () => {
  it('after-hours reads the configured calendar; backlog reads the injected clock', async () => {
    // Fri 17:30 London (BST) = 16:30 UTC: working time in UTC, after hours in London.
    const db = await seededDb({ incidents: [{ external_id: 'A', opened_at: '2026-04-10T16:30:00Z' }] });
    try {
      const config = parseConfig('calendar: { tz: Europe/London }\n', null);
      const london = createApp({ db, webRoot: null, log: { info() {}, error() {} }, config, now: () => new Date('2026-04-10T16:00:00Z') });
      const body = await (await london.request('/api/metrics?metric=after_hours,backlog')).json();
      // The clock says 16:00 UTC, before the incident opened: nothing is open yet.
      expect(body.rows).toEqual([{ after_hours_rate: 1, after_hours_count: 1, after_hours_n: 1, backlog: 0 }]);
      const utc = createApp({ db, webRoot: null, log: { info() {}, error() {} } });
      expect((await (await utc.request('/api/metrics?metric=after_hours')).json()).rows).toEqual([{ after_hours_rate: 0, after_hours_count: 0, after_hours_n: 1 }]);
    } finally {
      db.close();
    }
  });
});
