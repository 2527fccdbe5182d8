/**
 * Reads a saved API response as a list of JSON values: a `.ndjson` / `.jsonl` file, or any
 * other file whose first line is a complete JSON value followed by more lines, is NDJSON (one
 * value per line); anything else is one JSON document. Savers often write `jq -c` output into
 * `.json` files, so the extension alone would misread those.
 *
 * Shared by the pagerduty and statuspage profiles; it belongs in ingest/read-json.ts once that
 * shared file can take it.
 */
import { readFileSync } from 'node:fs';
import { readJsonFile, readNdjsonFile } from '../../read-json.ts';

export function readJsonValues(file: string): unknown[] {
  if (/\.(ndjson|jsonl)$/i.test(file) || looksLikeNdjson(file)) return readNdjsonFile(file);
  return [readJsonFile(file)];
}

function looksLikeNdjson(file: string): boolean {
  // Binary files and BOMs are left to the readers, which reject or strip them with a message.
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  const first = lines[0]!.trim();
  if (!first.startsWith('{') && !first.startsWith('[')) return false;
  return parses(first);
}

/** A pretty-printed document's first line (`{`) is not a value on its own; an NDJSON line is. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    if (error instanceof SyntaxError) return false; // the named case: not a whole value
    throw error;
  }
}
