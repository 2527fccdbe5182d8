/**
 * Fault switches shared by the fake vendors. Faults apply to *page requests* — the listing
 * endpoint a sync pages through (Jira search, the Table API, /incidents, the issues list,
 * incidents.json) — counted from the moment the switch is set (the next one is 1):
 *
 *   at(n, fault)     the n-th page request from now answers with the fault instead, once
 *   abortAfter(n)    every page request after the n-th from now has its connection cut (a crash
 *                    of the network or of the vendor mid-sync), until clear()
 *   changeAfter(n, change)
 *                    `change` (e.g. a test updating a record) runs once, after the n-th page
 *                    request from now was answered and before the next one is: someone editing
 *                    the vendor's data while a sync pages through it
 *
 * Faults: `rate_limit` (the vendor's own 429/403 shape, waiting `seconds`), `server_error`
 * (500), `unauthorized` (401 whatever the credentials), `malformed` (200 with a body that is not
 * the page: cut-off JSON, or the `body` given), `drop` (connection cut once).
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

export type Fault =
  | { kind: 'rate_limit'; seconds: number; variant?: 'primary' | 'secondary' | '429' }
  | { kind: 'server_error'; status?: number }
  | { kind: 'unauthorized' }
  | { kind: 'malformed'; body?: string }
  | { kind: 'drop' };

export type FakeEnv = { Bindings: HttpBindings };
export type FakeContext = Context<FakeEnv>;

export class Faults {
  /** Page requests seen so far. */
  pageRequests = 0;
  private readonly planned = new Map<number, Fault>();
  private cutAfter: number | null = null;
  private readonly changes = new Map<number, Array<() => void>>();

  at(n: number, fault: Fault): this {
    this.planned.set(this.pageRequests + n, fault);
    return this;
  }

  abortAfter(n: number): this {
    this.cutAfter = this.pageRequests + n;
    return this;
  }

  changeAfter(n: number, change: () => void): this {
    const at = this.pageRequests + n;
    this.changes.set(at, [...(this.changes.get(at) ?? []), change]);
    return this;
  }

  /** No faults or changes, and the page count starts again. */
  clear(): void {
    this.pageRequests = 0;
    this.planned.clear();
    this.cutAfter = null;
    this.changes.clear();
  }

  /** Runs the changes due before this page request, counts it and says which fault, if any, answers it. */
  next(): Fault | null {
    for (const [after, changes] of this.changes) {
      if (after > this.pageRequests) continue;
      this.changes.delete(after);
      for (const change of changes) change();
    }
    this.pageRequests += 1;
    if (this.cutAfter !== null && this.pageRequests > this.cutAfter) return { kind: 'drop' };
    const fault = this.planned.get(this.pageRequests) ?? null;
    this.planned.delete(this.pageRequests);
    return fault;
  }
}

/**
 * The generic answers to a fault; `rate_limit` and `unauthorized` are vendor-specific and come
 * from `vendor`. Returns null when there is no fault (serve the page).
 */
export function answerFault(
  c: FakeContext,
  fault: Fault | null,
  vendor: { rateLimited(c: FakeContext, fault: Extract<Fault, { kind: 'rate_limit' }>): Response; unauthorized(c: FakeContext): Response },
): Response | null {
  if (!fault) return null;
  switch (fault.kind) {
    case 'rate_limit':
      return vendor.rateLimited(c, fault);
    case 'unauthorized':
      return vendor.unauthorized(c);
    case 'server_error':
      return c.json({ error: 'internal server error (injected)' }, (fault.status ?? 500) as 500);
    case 'malformed':
      return c.body(fault.body ?? '{"issues": [{"id": "1", "key": "X-', 200, { 'content-type': 'application/json' });
    case 'drop':
      // Cut the connection without an answer, as a dying server or network does.
      c.env.incoming.socket.destroy();
      return c.body(null, 500);
  }
}
