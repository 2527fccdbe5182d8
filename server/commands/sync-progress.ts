/**
 * What `hindsight sync` prints. On a terminal, a live line per source on stderr (pages, records,
 * rate-limit waits); afterwards, and off a terminal, one summary line per source on stdout.
 */
import { duration } from '../../ingest/connectors/http.ts';
import type { SyncProgress, SyncSummary } from '../../ingest/connectors/sync.ts';
import type { ProgressOut } from './import-progress.ts';

const n = (value: number) => value.toLocaleString('en-US');

/** A progress callback drawing on `out` when it is a terminal (else a no-op), and its stop function. */
export function syncProgress(out: ProgressOut = process.stderr): { onProgress: (event: SyncProgress) => void; stop: () => void } {
  if (!out.isTTY) return { onProgress: () => {}, stop: () => {} };
  let line = '';
  let status = '';
  const draw = () => out.write(`\r\x1b[K${line}${status}`);
  return {
    onProgress(event) {
      if (event.kind === 'page') {
        line = `${event.source}: ${n(event.pages)} page${event.pages === 1 ? '' : 's'}, ${n(event.records)}${event.total ? ` of ${n(event.total)}` : ''} records`;
        status = '';
      } else if (event.kind === 'wait') {
        status = ` · waiting ${duration(event.ms)} (${event.reason === 'rate_limit' ? 'rate limit' : event.reason === 'network' ? 'network error' : 'server error'})`;
      } else if (event.kind === 'stored') {
        status = ` · stored ${n(event.batches)} batch${event.batches === 1 ? '' : 'es'}`;
      } else {
        out.write(`\r\x1b[K${event.source}: ${event.text}\n`);
      }
      draw();
    },
    stop() {
      if (line) out.write('\r\x1b[K');
    },
  };
}

export function describeSync(s: SyncSummary, dbPath: string): string {
  const parts = [
    `${n(s.pages)} page${s.pages === 1 ? '' : 's'}`, `${n(s.records)} records`,
    `${n(s.inserted)} new`, `${n(s.updated)} updated`, `${n(s.unchanged)} unchanged`,
  ];
  if (s.flagged > 0) parts.push(`${n(s.flagged)} flagged`);
  if (s.events > 0) parts.push(`${n(s.events)} timeline events`);
  if (s.eventsRejected > 0) parts.push(`${n(s.eventsRejected)} events not stored`);
  if (s.waits > 0) parts.push(`${n(s.waits)} wait${s.waits === 1 ? '' : 's'} for the server (${duration(s.waitedMs)})`);
  const notes = s.notes.length > 0 ? ` Note: ${s.notes.join(' ')}` : '';
  return `Synced ${s.source} (${s.vendor}, ${s.mode}) into ${dbPath}: ${parts.join(', ')}.${notes}`;
}
