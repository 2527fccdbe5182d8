/** How typing reads a field's text: spaces trimmed, empty is missing — the same for a column and an expression. */
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../queries/db.ts';
import { cleanedTextSql } from '../../ingest/typing.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase(':memory:');
});
afterAll(() => db.close());

describe('cleanedTextSql', () => {
  it('trims spaces only, and reads empty or all-space text as missing', async () => {
    const values = [' a ', '', '   ', 'a', null, '\ta ', 'a  b'];
    const sql = `SELECT ${cleanedTextSql('x')} AS column_form, ${cleanedTextSql('(x)')} AS expression_form
      FROM (SELECT unnest($1) AS x, generate_subscripts($1, 1) AS i) ORDER BY i`;
    const rows = (await db.connection.runAndReadAll(sql, [listValue(values)])).getRowObjectsJson();
    const expected = ['a', null, null, 'a', null, '\ta', 'a  b'];
    expect(rows.map((row) => row.column_form)).toEqual(expected);
    expect(rows.map((row) => row.expression_form)).toEqual(expected);
  });
});
