/**
 * Checks for the two date settings a user types, run once before an import writes anything.
 * Without them a bad --tz fails deep inside the import query ("Unknown TimeZone"), and a bad
 * --date-format fails at bind time with DuckDB's multi-line error — neither names the flag.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../queries/errors.ts';

/** Default for --tz: naive timestamps are read as UTC. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * The zone's canonical spelling as DuckDB's ICU knows it (`europe/london` → `Europe/London`),
 * or an InputError naming --tz.
 */
export async function resolveTimeZone(connection: DuckDBConnection, zone: string): Promise<string> {
  // UTC (the default) needs no lookup: a sync resolves the zone for every batch it stores, and
  // listing ICU's ~600 zones cost more than storing a small batch's rows.
  if (zone.trim().toUpperCase() === DEFAULT_TIME_ZONE) return DEFAULT_TIME_ZONE;
  const reader = await connection.runAndReadAll(
    'SELECT name FROM pg_timezone_names() WHERE lower(name) = lower($1) ORDER BY name = $1 DESC, name LIMIT 1',
    [zone.trim()],
  );
  const name = reader.getRowObjectsJson()[0]?.name;
  if (typeof name !== 'string') {
    throw new InputError(`--tz ${JSON.stringify(zone)} is not a known IANA time zone; use a name like Europe/London or America/New_York.`);
  }
  return name;
}

/**
 * Throws an InputError unless DuckDB's strptime accepts `format` and it names a year, a month
 * and a day (a format without them would read every value as 1900-01-01).
 */
export async function checkDateFormat(connection: DuckDBConnection, format: string): Promise<void> {
  const bare = format.replaceAll('%%', '');
  const missing = [
    ['year', /%[Yy]/],
    ['month', /%-?[mbB]/],
    ['day', /%-?[dj]/],
  ].filter(([, pattern]) => !(pattern as RegExp).test(bare)).map(([name]) => name as string);
  if (missing.length > 0) {
    throw new InputError(`--date-format ${JSON.stringify(format)} has no ${missing.join(', ')}; use a strptime format like "%d/%m/%Y %H:%M".`);
  }
  try {
    await connection.runAndReadAll('SELECT try_strptime(\'\', $1) AS parsed', [format]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /Failed to parse format specifier[^:]*: (.*)/.exec(message)?.[1];
    if (!reason) throw error;
    throw new InputError(`--date-format ${JSON.stringify(format)} is not a valid strptime format (${reason.trim().replace(/\.$/, '')}).`);
  }
}
