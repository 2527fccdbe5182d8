/**
 * Reads JSON exports: a JSON array, an object holding the array under a known key, or NDJSON
 * (one JSON value per line). Parse errors name the file and the line.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../queries/errors.ts';

export function readJsonFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}${lineOf(text, error)}: not valid JSON (${(error as Error).message}).`);
  }
}

/** One value per non-blank line. */
export function readNdjsonFile(file: string): unknown[] {
  const values: unknown[] = [];
  readText(file).split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      values.push(JSON.parse(line));
    } catch (error) {
      throw new InputError(`${file} line ${index + 1}: not valid JSON (${(error as Error).message}).`);
    }
  });
  return values;
}

function readText(file: string): string {
  const buffer = readFileSync(file);
  if (buffer.includes(0)) throw new InputError(`${file}: not a JSON file (it holds binary data).`);
  // A UTF-8 byte-order mark (Excel, PowerShell exports) is not part of the JSON.
  return buffer.toString('utf8').replace(/^\uFEFF/, '');
}

/** " line N" for a JSON.parse error that reports a position, else "". */
function lineOf(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(String((error as Error).message));
  if (!match) return '';
  const position = Number(match[1]);
  return ` line ${text.slice(0, position).split('\n').length}`;
}

/** Value at a dotted path (`fields.created`), or undefined. */
export function getPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The text a typing step reads: strings as they are, numbers and booleans printed, objects as JSON. */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
