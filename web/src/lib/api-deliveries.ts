// Summary-email deliveries (GET /api/deliveries), typed by the server's AppType like api.ts:
// the dashboard warns when a scheduled email failed, reached only some recipients, or was
// interrupted, so a broken SMTP setting does not go unnoticed until leadership asks.
import type { InferResponseType } from 'hono/client';
import { client, readJson, send, type ApiOptions } from './api.ts';

type Client = ReturnType<typeof client>;
export type DeliveriesResult = InferResponseType<Client['api']['deliveries']['$get'], 200>;
export type DeliveryWarning = DeliveriesResult['warnings'][number];

export async function fetchDeliveries(options: ApiOptions = {}): Promise<DeliveriesResult> {
  return (await readJson(await send(() => client(options).api.deliveries.$get(undefined, { init: { signal: options.signal ?? null } })))) as DeliveriesResult;
}

/** One sentence per warning: "leadership-monthly 2026-10 failed: <reason>", "… reached 2 of 3 recipients". */
export function describeWarning(d: Pick<DeliveryWarning, 'schedule' | 'period' | 'status' | 'recipients' | 'error'>): string {
  const states = Object.values(d.recipients as Record<string, string>);
  const reached = states.filter((state) => state === 'sent').length;
  const what = d.status === 'partial' ? `reached ${reached} of ${states.length} recipients` : d.status === 'interrupted' ? 'was interrupted and will be resumed at the next start' : 'failed';
  return `The summary email ${d.schedule} for ${d.period} ${what}${d.error ? `: ${d.error}` : '.'}`;
}
