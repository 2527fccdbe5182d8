// The process-change annotations every time-axis chart draws (GET /api/annotations), loaded once
// for all the panels of a page and kept briefly, so an Overview with three time charts asks once.
// Pure helpers decide which annotations apply to the filters in view: a change scoped to SEV1
// is not drawn on a chart filtered to SEV3 (it would suggest a cause where none applied).
// Guarantee: a failure reaches every caller (as the ApiError the server's sentence became);
// it is never cached, so the next page asks again.
import type { ChartAnnotation } from '../charts/annotations.ts';
import { fetchAnnotations, type AnnotationsResult } from './api-more.ts';
import type { GlobalFilters } from './filters.ts';

export type Annotation = AnnotationsResult['annotations'][number];

/** How long one answer serves the panels of a page (ms). Default 15 s: long enough for one page, short enough to see a new annotation on the next. */
export const ANNOTATIONS_TTL_MS = 15_000;

let cached: { at: number; promise: Promise<Annotation[]> } | null = null;

/** The annotations, from the page's shared answer when it is fresh. `now` is injectable for tests. */
export function loadAnnotations(now: () => number = Date.now): Promise<Annotation[]> {
  if (cached && now() - cached.at < ANNOTATIONS_TTL_MS) return cached.promise;
  const promise = fetchAnnotations().then((answer) => answer.annotations);
  const entry = { at: now(), promise };
  cached = entry;
  promise.catch(() => {
    if (cached === entry) cached = null;
  });
  return promise;
}

/**
 * The annotations that apply under `filters`: unscoped ones, and scoped ones whose every scoped
 * dimension shares a value with the filters (or is not filtered). Returned as chart input.
 */
export function applicable(annotations: readonly Annotation[], filters: Pick<GlobalFilters, 'dims'>): ChartAnnotation[] {
  return applying(annotations, filters).map((a) => ({ date: a.date, label: a.scope ? `${a.label} (${scopeText(a.scope)})` : a.label }));
}

/** The annotations themselves (ids, scope) that apply under `filters`; see `applicable`. */
export function applying(annotations: readonly Annotation[], filters: Pick<GlobalFilters, 'dims'>): Annotation[] {
  return annotations.filter((a) => Object.entries(a.scope ?? {}).every(([dim, values]) => {
    const chosen = (filters.dims as Record<string, string[] | undefined>)[dim];
    return !chosen?.length || chosen.some((v) => values.includes(v));
  }));
}

/**
 * `dim=value` filters for a before/after comparison of `annotation` under `filters`: the
 * filters, narrowed to the annotation's scope (values in both where both name a dimension).
 */
export function scopedFilter(annotation: Pick<Annotation, 'scope'>, filters: Pick<GlobalFilters, 'dims'>): string[] {
  const dims: Record<string, string[]> = {};
  for (const [dim, values] of Object.entries(filters.dims)) if (values?.length) dims[dim] = [...values];
  for (const [dim, values] of Object.entries(annotation.scope ?? {})) dims[dim] = dims[dim] ? dims[dim].filter((v) => values.includes(v)) : [...values];
  return Object.entries(dims).flatMap(([dim, values]) => values.map((v) => `${dim}=${v}`));
}

/** "severity SEV1" / "team payments, api": the scope in words. */
export function scopeText(scope: Record<string, string[]>): string {
  return Object.entries(scope).map(([dim, values]) => `${dim.replace('_', ' ')} ${values.join(', ')}`).join('; ');
}
