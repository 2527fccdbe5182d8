/** Named placeholders numbered per statement; quoted names and literals are never placeholders. */
import { describe, expect, it } from 'vitest';
import { numberParams } from '../../ingest/params.ts';

describe('numberParams', () => {
  it('numbers names by first appearance and binds each once', () => {
    expect(numberParams('SELECT $tz, $source, $tz', { source: 's', tz: 'UTC', unused: 1 })).toEqual({ sql: 'SELECT $1, $2, $1', params: ['UTC', 's'] });
  });

  it('leaves a $ inside a quoted column name or a string literal alone', () => {
    const sql = `SELECT "cost$usd", 'ends with $', 'it''s $tz', "a ""$b"" c", $tz FROM t WHERE regexp_matches(x, '^\\d+$')`;
    expect(numberParams(sql, { tz: 'UTC' })).toEqual({
      sql: `SELECT "cost$usd", 'ends with $', 'it''s $tz', "a ""$b"" c", $1 FROM t WHERE regexp_matches(x, '^\\d+$')`,
      params: ['UTC'],
    });
  });

  it("reads past a comment's apostrophe", () => {
    expect(numberParams("SELECT $tz -- an incident's zone\n, $source", { tz: 'UTC', source: 's' }).sql).toBe("SELECT $1 -- an incident's zone\n, $2");
  });

  it('names a placeholder it has no value for', () => {
    expect(() => numberParams('SELECT $nope', {})).toThrow('No value for the placeholder $nope.');
  });
});
