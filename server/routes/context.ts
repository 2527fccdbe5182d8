/**
 * What a request is answered with: the settings from hindsight.yaml (or the defaults), the app's
 * clock read once per request — truncated to the minute, so every number in one answer agrees
 * about "now" and cached answers can be reused within the minute — and the app's answer cache.
 */
import type { CompileContext } from '../../queries/compile/context.ts';
import { ResultCache } from '../../queries/cache.ts';
import { contextAt, defaultConfig, type HindsightConfig } from '../config.ts';
import type { AppDeps } from '../deps.ts';

let defaults: HindsightConfig | null = null;
const caches = new WeakMap<AppDeps, ResultCache>();

export function configOf(deps: AppDeps): HindsightConfig {
  return deps.config ?? (defaults ??= defaultConfig());
}

export function requestContext(deps: AppDeps): CompileContext {
  const now = deps.now ? deps.now() : new Date();
  return contextAt(configOf(deps), new Date(Math.floor(now.getTime() / 60_000) * 60_000));
}

/** One cache per app (per deps object), created on first use. */
export function cacheOf(deps: AppDeps): ResultCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new ResultCache()));
  return cache;
}

/** The cache key of a non-SQL answer: its kind, its normalised inputs and the context. */
export function answerKey(kind: string, ...inputs: unknown[]): string {
  return JSON.stringify([kind, ...inputs]);
}
