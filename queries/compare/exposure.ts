/**
 * How long each window has been open for counting, in days: the exposure a count is divided by.
 * Whole windows in the past count their calendar days (28 for February; a daylight-saving day
 * is a day). A window that contains "now" counts only the time elapsed — from its local start
 * to now — so the first ten days of a month are compared as ten days, never as a whole month
 * with two thirds missing. A window that has not begun has exposure 0.
 * Local midnights are turned into instants by DuckDB in the request's zone, the same
 * conversion the cohort WHERE uses (compile/scope.ts); values are bound.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import type { Window, Windows } from './periods.ts';

const DAY_MS = 86_400_000;

export interface Exposures {
  current: number;
  previous: number;
  /** The unit the exposures are in. */
  unit: 'days';
}

function calendarDays(window: Window): number {
  return Math.round((Date.parse(`${window.to}T00:00:00Z`) - Date.parse(`${window.from}T00:00:00Z`)) / DAY_MS);
}

export async function windowExposures(connection: DuckDBConnection, windows: Windows, tz: string, context: CompileContext): Promise<Exposures> {
  const reader = await connection.runAndReadAll(
    `SELECT epoch_ms(timezone($1, CAST($2 AS TIMESTAMP))) AS current_from, epoch_ms(timezone($1, CAST($3 AS TIMESTAMP))) AS current_to,
            epoch_ms(timezone($1, CAST($4 AS TIMESTAMP))) AS previous_from, epoch_ms(timezone($1, CAST($5 AS TIMESTAMP))) AS previous_to`,
    [tz, windows.current.from, windows.current.to, windows.previous.from, windows.previous.to],
  );
  const row = reader.getRowObjectsJson()[0]!;
  const now = context.now.getTime();
  const days = (window: Window, from: number, to: number) => {
    if (now >= to) return calendarDays(window);
    return Math.max(0, now - from) / DAY_MS;
  };
  return {
    current: days(windows.current, Number(row.current_from), Number(row.current_to)),
    previous: days(windows.previous, Number(row.previous_from), Number(row.previous_to)),
    unit: 'days',
  };
}
