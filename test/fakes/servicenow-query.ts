/**
 * The fake ServiceNow's encoded queries (`sysparm_query`): conditions joined by `^`
 * (`field>=value`, `>`, `<=`, `<`, `!=`, `=`, `LIKE`, `STARTSWITH`, `INa,b,c`) and `ORDERBYfield` /
 * `ORDERBYDESCfield`. Raw values are strings and date-times are `YYYY-MM-DD HH:MM:SS` (UTC), so
 * they compare as text. A part naming an unknown field, or that doesn't parse, is invalid:
 * ServiceNow ignores it silently unless `glide.invalid_query.returns_no_rows` is true, which the
 * fake mirrors with `invalidReturnsNoRows` (default on: a typo then shows as an empty sync).
 */
export type SnRecord = Record<string, unknown>;

export interface SnQuery {
  matches(record: SnRecord): boolean;
  compare(a: SnRecord, b: SnRecord): number;
  invalid: string[];
}

const CONDITION = /^([a-z_][a-z0-9_.]*?)(>=|<=|!=|>|<|=|LIKE|STARTSWITH|IN)(.*)$/;

export function parseEncodedQuery(query: string, fields: ReadonlySet<string>): SnQuery {
  const tests: Array<(record: SnRecord) => boolean> = [];
  const orders: Array<{ field: string; sign: number }> = [];
  const invalid: string[] = [];
  for (const part of query.split('^').map((text) => text.trim()).filter((text) => text !== '')) {
    const order = /^ORDERBY(DESC)?([a-z_][a-z0-9_]*)$/.exec(part);
    if (order) {
      if (fields.has(order[2]!)) orders.push({ field: order[2]!, sign: order[1] ? -1 : 1 });
      else invalid.push(part);
      continue;
    }
    const condition = CONDITION.exec(part);
    if (!condition || !fields.has(condition[1]!)) {
      invalid.push(part);
      continue;
    }
    const [, field, op, value] = condition as unknown as [string, string, string, string];
    tests.push((record) => compareText(text(record[field]), op, value));
  }
  return {
    invalid,
    matches: (record) => tests.every((test) => test(record)),
    compare: (a, b) => {
      for (const { field, sign } of orders) {
        const diff = text(a[field]).localeCompare(text(b[field]));
        if (diff !== 0) return sign * diff;
      }
      return text(a.sys_id).localeCompare(text(b.sys_id));
    },
  };
}

function compareText(actual: string, op: string, value: string): boolean {
  switch (op) {
    case '>=': return actual >= value;
    case '<=': return actual <= value;
    case '>': return actual > value;
    case '<': return actual < value;
    case '!=': return actual !== value;
    case 'LIKE': return actual.includes(value);
    case 'STARTSWITH': return actual.startsWith(value);
    case 'IN': return value.split(',').includes(actual);
    default: return actual === value;
  }
}

/** A reference `{link, value}` compares by its value (a sys_id), like the raw API. */
function text(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'value' in value) return String((value as { value: unknown }).value);
  return value === null || value === undefined ? '' : String(value);
}
