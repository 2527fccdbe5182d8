/** --into action_items and --into events through the generic profile. */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../queries/db.ts';
import { importFile } from '../../ingest/import-file.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());
const NOW = () => new Date('2026-11-30T12:00:00Z');
let db: Database;
beforeEach(async () => {
  db = await openDatabase(':memory:');
});
afterEach(() => db.close());
const write = (name: string, lines: string[]) => {
  const file = dir.path(name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const rows = async (sql: string) => (await db.connection.runAndReadAll(sql)).getRowObjectsJson();

describe('--into action_items', () => {
  it('upserts follow-ups by item id with canonical statuses and flags', async () => {
    const file = write('items.csv', [
      'item_id,external_id,title,owner,status,created_at,due_at,completed_at',
      'AI-1,INC-1,Add alert on queue depth,Ana,Done,2026-03-01T00:00:00Z,2026-03-15T00:00:00Z,2026-03-10T00:00:00Z',
      'AI-2,INC-1,Runbook for failover,Ben,In Progress,2026-03-01T00:00:00Z,2026-03-15T00:00:00Z,',
      'AI-3,INC-2,Fix retry storm,Cy,,2026-03-05T00:00:00Z,not a date,2026-03-01T00:00:00Z',
    ]);
    const summary = await importFile(db.connection, { file, profile: 'generic', into: 'action_items', now: NOW });
    expect(summary).toMatchObject({ into: 'action_items', records: 3, inserted: 3, flagged: 1, flags: { completed_before_created: 1, invalid_due_at: 1 } });
    expect(await rows(`SELECT item_id, external_id, owner, status, CAST(due_at AS VARCHAR) AS due, quality_flags FROM action_items ORDER BY 1`)).toEqual([
      { item_id: 'AI-1', external_id: 'INC-1', owner: 'Ana', status: 'done', due: '2026-03-15 00:00:00+00', quality_flags: [] },
      { item_id: 'AI-2', external_id: 'INC-1', owner: 'Ben', status: 'open', due: '2026-03-15 00:00:00+00', quality_flags: [] },
      // No status but a completion time: done.
      { item_id: 'AI-3', external_id: 'INC-2', owner: 'Cy', status: 'done', due: null, quality_flags: ['invalid_due_at', 'completed_before_created'] },
    ]);
    const again = await importFile(db.connection, { file, profile: 'generic', into: 'action_items', now: NOW });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('is refused for a vendor profile with a clear sentence', async () => {
    const file = write('x.csv', ['item_id,title', 'A,b']);
    await expect(importFile(db.connection, { file, profile: 'generic', into: 'incidents' })).rejects.toThrow(/missing required columns "external_id", "opened_at"/);
  });
});

describe('--into events', () => {
  it('stores timelines, counts what it cannot store, and re-imports without doubling', async () => {
    const file = write('events.csv', [
      'external_id,occurred_at,kind,from_value,to_value,level,actor,body',
      'INC-1,2026-03-01T10:00:00Z,status,,open,,pd,',
      'INC-1,2026-03-01T10:05:00Z,acknowledged,,,,Ana,',
      'INC-1,2026-03-01T10:05:00Z,acknowledged,,,,Ben,second ack in the same second',
      'INC-1,2026-03-01T10:20:00Z,escalated,1,2,2,pd,',
      'INC-1,yesterday,resolved,,,,Ana,',
      ',2026-03-01T10:30:00Z,resolved,,,,Ana,',
      'INC-1,2026-03-01T10:40:00Z,exploded,,,,Ana,',
    ]);
    const summary = await importFile(db.connection, { file, profile: 'generic', into: 'events', now: NOW });
    expect(summary).toMatchObject({
      into: 'events', records: 7, events: 4, eventsRejected: 3,
      rejected: { invalid_occurred_at: { count: 1, examples: [5] }, missing_external_id: { count: 1, examples: [6] }, unknown_kind: { count: 1, examples: [7] } },
    });
    const timeline = `SELECT external_id, strftime(occurred_at, '%H:%M') AS at, kind, ordinal, level, actor FROM incident_events ORDER BY occurred_at, kind, ordinal`;
    const expected = [
      { external_id: 'INC-1', at: '10:00', kind: 'status', ordinal: 0, level: null, actor: 'pd' },
      { external_id: 'INC-1', at: '10:05', kind: 'acknowledged', ordinal: 0, level: null, actor: 'Ana' },
      { external_id: 'INC-1', at: '10:05', kind: 'acknowledged', ordinal: 1, level: null, actor: 'Ben' },
      { external_id: 'INC-1', at: '10:20', kind: 'escalated', ordinal: 0, level: 2, actor: 'pd' },
    ];
    expect(await rows(timeline)).toEqual(expected);
    await importFile(db.connection, { file, profile: 'generic', into: 'events', now: NOW });
    expect(await rows(timeline)).toEqual(expected);
  });
});
