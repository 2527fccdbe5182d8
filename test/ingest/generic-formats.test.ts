/** The generic profile beyond CSV: JSON and NDJSON, --map and --map-file, severity/status schemes. */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../queries/db.ts';
import { importFile } from '../../ingest/import-file.ts';
import { parseMapFlags, readMapFile } from '../../ingest/mapping.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());
const NOW = () => new Date('2026-11-30T12:00:00Z');
let db: Database;
beforeEach(async () => {
  db = await openDatabase(':memory:');
});
afterEach(() => db.close());

const write = (name: string, text: string) => {
  const file = dir.path(name);
  writeFileSync(file, text);
  return file;
};
const rows = async (sql: string) => (await db.connection.runAndReadAll(sql)).getRowObjectsJson();
const INCIDENT_COLUMNS = `external_id, title, severity, severity_rank, status, CAST(opened_at AS VARCHAR) AS opened_at, CAST(resolved_at AS VARCHAR) AS resolved_at, custom, quality_flags`;

describe('generic JSON and NDJSON', () => {
  it('reads a JSON array with dotted-path mappings, keeping unmapped keys in custom', async () => {
    const file = write('tickets.json', JSON.stringify([
      { key: 'OPS-1', summary: 'Queue stuck', fields: { created: '2026-03-01T10:00:00+0100', resolved: '2026-03-01T12:30:00+01:00' }, priority: 'High', state: 'Done', region: 'eu' },
      { key: 'OPS-2', summary: 'Slow search', fields: { created: '2026-03-02 08:00:00' }, priority: 'Blocker', state: 'Investigating' },
    ]));
    const map = parseMapFlags(['key=external_id', 'summary=title', 'fields.created=opened_at', 'fields.resolved=resolved_at', 'priority=severity', 'state=status']);
    const summary = await importFile(db.connection, { file, profile: 'generic', map, tz: 'Europe/Berlin', now: NOW });
    expect(summary).toMatchObject({ records: 2, inserted: 2, flagged: 0 });
    expect(await rows(`SELECT ${INCIDENT_COLUMNS} FROM incidents ORDER BY 1`)).toEqual([
      // +0100 without a colon is an offset; 10:00+01 is 09:00 UTC; resolved 2.5 h later.
      { external_id: 'OPS-1', title: 'Queue stuck', severity: 'SEV2', severity_rank: 2, status: 'resolved', opened_at: '2026-03-01 09:00:00+00', resolved_at: '2026-03-01 11:30:00+00', custom: '{"region":"eu"}', quality_flags: [] },
      // A naive time is read in --tz: 08:00 in Berlin (CET, UTC+1) is 07:00 UTC.
      { external_id: 'OPS-2', title: 'Slow search', severity: 'SEV1', severity_rank: 1, status: 'open', opened_at: '2026-03-02 07:00:00+00', resolved_at: null, custom: null, quality_flags: [] },
    ]);
  });

  it('reads NDJSON and names the line of a broken record', async () => {
    const good = write('good.ndjson', [
      '{"external_id":"N-1","title":"a","opened_at":"2026-01-01T00:00:00Z","severity":"P3","status":"closed"}',
      '',
      '{"external_id":"N-2","title":"b","opened_at":"2026-01-02T00:00:00Z","severity":"weird","status":"frozen"}',
    ].join('\n'));
    await importFile(db.connection, { file: good, profile: 'generic', now: NOW });
    expect(await rows(`SELECT external_id, severity, severity_rank, status, quality_flags FROM incidents ORDER BY 1`)).toEqual([
      { external_id: 'N-1', severity: 'SEV3', severity_rank: 3, status: 'closed', quality_flags: [] },
      { external_id: 'N-2', severity: 'weird', severity_rank: null, status: 'frozen', quality_flags: ['unknown_severity', 'unknown_status'] },
    ]);
    const bad = write('bad.ndjson', '{"external_id":"N-3","title":"c","opened_at":"2026-01-03T00:00:00Z"}\n{"external_id": oops}\n');
    await expect(importFile(db.connection, { file: bad, profile: 'generic', now: NOW })).rejects.toThrow(/bad\.ndjson line 2: not valid JSON/);
    expect(await rows('SELECT count(*)::INTEGER AS n FROM incidents')).toEqual([{ n: 2 }]);
  });

  it('lets hindsight.yaml-style scheme overrides win over the defaults', async () => {
    const file = write('scheme.csv', 'external_id,title,opened_at,severity,status\nS-1,x,2026-01-01T00:00:00Z,Major,Parked\n');
    await importFile(db.connection, { file, profile: 'generic', now: NOW, scheme: { severity: { major: 1 }, status: { parked: 'on_hold' } } });
    expect(await rows('SELECT severity, severity_rank, status, quality_flags FROM incidents')).toEqual([
      { severity: 'SEV1', severity_rank: 1, status: 'on_hold', quality_flags: [] },
    ]);
  });
});

describe('mappings', () => {
  it('reads a YAML mapping file, with or without a map: key', () => {
    expect(readMapFile(write('m1.yaml', 'map:\n  Key: external_id\n  Created: opened_at\n'))).toEqual({ Key: 'external_id', Created: 'opened_at' });
    expect(readMapFile(write('m2.yaml', 'Summary: title\n'))).toEqual({ Summary: 'title' });
  });

  it('rejects a mapping onto an unknown field, naming the flag or file and the allowed fields', () => {
    expect(() => parseMapFlags(['Created=opened'])).toThrow(/^--map "Created=opened" maps to unknown incidents field "opened"; allowed fields: external_id, title, /);
    expect(() => parseMapFlags(['Created'])).toThrow('--map "Created" must look like column=field, e.g. --map "Created=opened_at".');
    const file = write('m3.yaml', 'Owner: assignee_name\n');
    expect(() => readMapFile(file)).toThrow(`${file}: "Owner" maps to unknown incidents field "assignee_name"`);
    expect(() => parseMapFlags(['Owner=owner'], 'action_items')).not.toThrow();
  });
});
