/**
 * Counts requests still being answered, response bodies included, so the server can wait for
 * them before closing the database. Hazard: closing DuckDB while a query runs aborts the whole
 * process natively (seen as "malloc(): unsorted double linked list corrupted"), and a streamed
 * body (Arrow, exports) keeps reading after the handler has returned.
 */
export interface InFlight {
  fetch(request: Request): Promise<Response>;
  /** Resolves once nothing is in flight (at once when idle). */
  idle(): Promise<void>;
}

export function trackInFlight(fetch: (request: Request) => Response | Promise<Response>): InFlight {
  let count = 0;
  let waiters: Array<() => void> = [];
  const release = () => {
    count -= 1;
    if (count === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  return {
    async fetch(request) {
      count += 1;
      let response: Response;
      try {
        response = await fetch(request);
      } catch (error) {
        release();
        throw error;
      }
      if (!response.body) {
        release();
        return response;
      }
      let finished = false;
      const finish = () => {
        if (!finished) {
          finished = true;
          release();
        }
      };
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              finish();
              controller.close();
            } else {
              controller.enqueue(value);
            }
          } catch (error) {
            finish();
            controller.error(error);
          }
        },
        async cancel(reason) {
          await reader.cancel(reason);
          // A producer (the Arrow writer) may be parked on setImmediate between batches and
          // touch DuckDB's result once more before it notices the cancel; release only after
          // that turn, so the database is never closed under it.
          await new Promise((resolve) => setImmediate(resolve));
          await new Promise((resolve) => setImmediate(resolve));
          finish();
        },
      });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
    idle() {
      return count === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
  };
}
