/**
 * Bounded concurrency: at most `size` tasks at once, the rest wait in order. One limiter per
 * source, so a sync never opens more requests than the vendor tolerates (GitHub: ≤ 100
 * concurrent; ServiceNow: per-user rules) however many per-issue fetches are pending.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`concurrency must be a positive integer, got ${size}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * `fn` over every item, at most `size` at a time, results in input order. The first failure
 * rejects the whole call (the rest still settle, so no request is left dangling unobserved).
 */
export async function mapLimit<T, R>(items: readonly T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limiter = new Limiter(size);
  const settled = await Promise.allSettled(items.map((item, index) => limiter.run(() => fn(item, index))));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<R>).value);
}
