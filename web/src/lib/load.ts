// A request's life as a value the UI can render: loading, ready or error. Every state has
// something to show, so a panel never sits blank without saying why.
// Guarantee: a failure becomes { state: 'error', message } with the server's own sentence
// (ApiError) or the error's message; an aborted request (the component went away) is the one
// named case that is dropped, since nobody is left to show it to.
import { ApiError } from './api.ts';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'error'; message: string };

export async function load<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
  set: (loaded: Loaded<T>) => void,
): Promise<void> {
  set({ state: 'loading' });
  try {
    const data = await fetcher(signal);
    if (!signal.aborted) set({ state: 'ready', data });
  } catch (error) {
    if (signal.aborted) return;
    if (!(error instanceof ApiError)) console.error('Hindsight: unexpected error while loading', error);
    set({ state: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
