// The process changes that apply to the filters in view, for a component: loaded once per page
// (lib/annotations.ts), re-filtered when the filters change. Call during component set-up.
// A failure is kept as `error` (the server's sentence) for the panel to say, never dropped.
import type { ChartAnnotation } from '../charts/annotations.ts';
import { applicable, loadAnnotations, type Annotation } from './annotations.ts';
import type { GlobalFilters } from './filters.ts';

export interface AnnotationsState {
  /** Applicable annotations as chart input (empty while loading or on error). */
  readonly list: ChartAnnotation[];
  /** The raw annotations (with ids and scope). */
  readonly all: Annotation[];
  readonly state: 'loading' | 'ready' | 'error';
  readonly error: string;
}

export function useAnnotations(filters: () => Pick<GlobalFilters, 'dims'>): AnnotationsState {
  let all = $state<Annotation[]>([]);
  let phase = $state<'loading' | 'ready' | 'error'>('loading');
  let error = $state('');
  $effect(() => {
    let live = true;
    loadAnnotations().then(
      (list) => {
        if (!live) return;
        all = list;
        phase = 'ready';
      },
      (failure: unknown) => {
        if (!live) return;
        phase = 'error';
        error = failure instanceof Error ? failure.message : String(failure);
      },
    );
    return () => {
      live = false;
    };
  });
  const list = $derived(applicable(all, filters()));
  return {
    get list() { return list; },
    get all() { return all; },
    get state() { return phase; },
    get error() { return error; },
  };
}
