/**
 * Child process: the fake ServiceNow Table API (test/fakes/servicenow.ts, the one the connector
 * tests use) on 127.0.0.1 with N seeded incident records, for the sync figure. Prints one JSON
 * line `{"url": …}` when it listens, and exits when its stdin closes (the parent is done).
 *
 *   node --import tsx bench/figures/sync-fake.ts N
 *
 * Its own process, so the time the sync spends waiting for pages is the fake's work and the
 * loopback transfer — never Hindsight's event loop busy serving both sides.
 *
 * Records: the REAL closed PDI record's shape (every field, raw values, references
 * `{link, value}`), one incident every 7 minutes from 2024-01-01; states, priorities, groups
 * and people are seeded choices; a quarter is still open. What a sync asks for is what it gets: the fake answers with `sysparm_fields` only.
 */
import { REAL_CLOSED } from '../../test/fakes/records/servicenow.ts';
import { startFake } from '../../test/fakes/serve.ts';
import { createServiceNowFake } from '../../test/fakes/servicenow.ts';
import type { SnRecord } from '../../test/fakes/servicenow-query.ts';
import { SEED } from '../options.ts';
import { BENCH_PASSWORD, BENCH_USER } from './sync-shared.ts';

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) throw new Error('usage: sync-fake.ts N');

const records = benchRecords(n, SEED);
const fake = createServiceNowFake(records, { user: BENCH_USER, password: BENCH_PASSWORD, fields: new Set(Object.keys(REAL_CLOSED)) });
const running = await startFake(fake.app);
console.log(JSON.stringify({ url: running.url }));
process.stdin.resume();
process.stdin.on('end', () => void running.close().then(() => process.exit(0)));

function benchRecords(count: number, seed: number): SnRecord[] {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32: small, seeded, good enough to vary the fields.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const ref = (table: string, id: string) => ({ link: `https://bench.service-now.com/api/now/table/${table}/${id}`, value: id });
  const groups = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}${'c0ffee'.repeat(5)}`);
  const people = Array.from({ length: 80 }, (_, i) => `${String(i).padStart(4, '0')}${'beef'.repeat(7)}`);
  const blank = Object.fromEntries(Object.keys(REAL_CLOSED).map((key) => [key, '']));
  const start = Date.parse('2024-01-01T00:00:00Z');
  const sn = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return Array.from({ length: count }, (_, i) => {
    const opened = start + i * 7 * 60_000;
    const open = random() < 0.25;
    const resolved = opened + Math.floor(5 + random() * 600) * 60_000;
    const closed = resolved + 60 * 60_000;
    const updated = open ? opened + 3 * 60_000 : closed;
    const number = `INC${String(1_000_000 + i)}`;
    return {
      ...blank, number, sys_id: `${i.toString(16).padStart(8, '0')}${'f'.repeat(24)}`, short_description: `Bench incident ${i}`,
      state: open ? pick(['1', '2', '3']) : '7', incident_state: open ? '2' : '7', priority: pick(['1', '2', '3', '3', '4', '4', '5']),
      impact: pick(['1', '2', '3']), urgency: pick(['1', '2', '3']), category: pick(['network', 'software', 'hardware', 'database']),
      assignment_group: ref('sys_user_group', pick(groups)), assigned_to: ref('sys_user', pick(people)),
      cmdb_ci: ref('cmdb_ci', pick(groups)), opened_at: sn(opened), sys_created_on: sn(opened),
      resolved_at: open ? '' : sn(resolved), closed_at: open ? '' : sn(closed), close_code: open ? '' : 'Solved (Permanently)',
      sys_updated_on: sn(updated), reopen_count: String(random() < 0.05 ? 1 : 0), reassignment_count: String(Math.floor(random() * 3)),
      active: open ? 'true' : 'false',
    };
  });
}
