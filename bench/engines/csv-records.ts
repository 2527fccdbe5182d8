/**
 * Streams the fixture CSV record by record (RFC 4180, as fixtures/generate.ts writes it):
 * the SQLite and plain-JS engines load from it. Streaming, because a 1M-row fixture is ~300 MB
 * and the 5M one is longer than V8's largest string.
 * A record may span lines (a quoted field with a newline): lines are joined until the quotes
 * balance. Lines without a quote take the fast path, a plain split.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Calls `onRecord` with each data record's fields (and the header); resolves with the header. */
export async function readCsv(file: string, onRecord: (fields: string[], header: string[]) => void): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let header: string[] | null = null;
  let pending = '';
  for await (const line of lines) {
    const text = pending === '' ? line : `${pending}\n${line}`;
    if (!text.includes('"')) {
      pending = '';
      emit(text.split(','));
      continue;
    }
    if (countQuotes(text) % 2 === 1) {
      pending = text; // inside a quoted field: the record continues on the next line
      continue;
    }
    pending = '';
    emit(parseQuoted(text));
  }
  if (pending !== '') throw new Error(`${file} ends inside a quoted field.`);
  if (!header) throw new Error(`${file} is empty; expected a header line.`);
  return header;

  function emit(fields: string[]) {
    if (header === null) header = fields;
    else if (fields.length !== header.length) throw new Error(`${file}: a record has ${fields.length} fields, the header ${header.length}.`);
    else onRecord(fields, header);
  }
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

function parseQuoted(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** ISO 8601 timestamp → Unix seconds; '' (no value) → null. */
export function epochSeconds(text: string): number | null {
  if (text === '') return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`Not a timestamp: "${text}".`);
  return ms / 1000;
}

/** Positions of the named columns in the header; a missing column is an error naming it. */
export function columnIndex<const K extends string>(header: string[], names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((name) => {
    const at = header.indexOf(name);
    if (at === -1) throw new Error(`The fixture CSV has no column "${name}".`);
    return [name, at];
  })) as Record<K, number>;
}
