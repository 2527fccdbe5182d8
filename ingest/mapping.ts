/**
 * Column mappings: `--map column=field` (repeatable) and `--map-file F` (YAML: `column: field`
 * pairs, optionally under a `map:` key). Targets must be fields of the import's target; a mistake is one
 * sentence naming the flag or file and listing the allowed fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../queries/errors.ts';
import { TARGETS, type Target } from './targets.ts';

export function parseMapFlags(flags: readonly string[], target: Target = 'incidents'): Record<string, string> {
  const map: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.lastIndexOf('=');
    const column = eq > 0 ? flag.slice(0, eq).trim() : '';
    const field = eq > 0 ? flag.slice(eq + 1).trim() : '';
    if (!column || !field) throw new InputError(`--map "${flag}" must look like column=field, e.g. --map "Created=opened_at".`);
    checkField(field, `--map "${flag}"`, target);
    map[column] = field;
  }
  return map;
}

export function readMapFile(file: string, target: Target = 'incidents'): Record<string, string> {
  if (!existsSync(file)) throw new InputError(`${file}: no such mapping file.`);
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: not valid YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  const body = isObject(parsed) && isObject(parsed.map) ? parsed.map : parsed;
  if (!isObject(body)) throw new InputError(`${file}: expected "column: field" pairs (optionally under "map:").`);
  const map: Record<string, string> = {};
  for (const [column, field] of Object.entries(body)) {
    if (typeof field !== 'string') throw new InputError(`${file}: the mapping for "${column}" must be a field name, got ${JSON.stringify(field)}.`);
    checkField(field, `${file}: "${column}"`, target);
    map[column] = field;
  }
  return map;
}

function checkField(field: string, where: string, target: Target): void {
  const allowed: readonly string[] = TARGETS[target].fields;
  if (!allowed.includes(field)) {
    throw new InputError(`${where} maps to unknown ${target} field "${field}"; allowed fields: ${allowed.join(', ')}.`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
