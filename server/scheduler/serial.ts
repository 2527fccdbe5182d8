/**
 * One piece of work at a time, in arrival order: what scheduled syncs and scheduled emails use
 * so that runs of different jobs never share a connection or a write transaction at once.
 * A failure is not swallowed: the promise `run` returns rejects with it, and its caller (the
 * scheduler, a catch-up) records and logs it; only the chain that orders the work ignores it,
 * so the next piece still runs.
 */
export function serial(): <T>(work: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const turn = chain.then(work);
    chain = turn.then(() => undefined, () => undefined);
    return turn;
  };
}
