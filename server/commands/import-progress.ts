/**
 * A progress line for long imports on a terminal: DuckDB reports each running statement's
 * progress (percentage, rows processed), which we poll a few times a second and draw as a bar
 * with rows/s and an ETA. Off a terminal (pipes, CI logs) nothing is drawn: only the summary.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface ProgressOut {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function startProgress(connection: DuckDBConnection, label: string, out: ProgressOut = process.stderr, now = () => Date.now()): () => void {
  if (!out.isTTY) return () => {};
  const started = now();
  let drawn = false;
  const timer = setInterval(() => {
    const progress = connection.progress;
    const percentage = Math.max(0, Math.min(100, progress.percentage));
    if (percentage <= 0) return;
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = Number(progress.rows_processed) / seconds;
    const eta = percentage > 0 ? (seconds * (100 - percentage)) / percentage : 0;
    out.write(`\r${renderBar(percentage)} ${percentage.toFixed(0).padStart(3)}% ${label} · ${Math.round(rate).toLocaleString('en-US')} rows/s · ETA ${eta.toFixed(0)}s `);
    drawn = true;
  }, 250);
  return () => {
    clearInterval(timer);
    if (drawn) out.write('\r\x1b[K');
  };
}

export function renderBar(percentage: number, width = 24): string {
  const filled = Math.round((percentage / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
