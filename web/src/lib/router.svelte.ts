// A small router over the History API: the address bar is the single source of truth for the
// page and its filters. Pages read `router.path` / `router.search` (reactive); links are plain
// <a href> (so they open in a new tab, copy and print like links) and same-origin clicks are
// turned into pushState by one delegated listener. Back/forward fire popstate, which updates the
// state, which re-renders the page from the URL alone — so history restores everything.
// Hazard avoided: a second copy of the filters in component state that drifts from the URL.
import { href } from './href.ts';

export interface Location {
  path: string;
  search: URLSearchParams;
}

class Router {
  // Read from the address bar at start, so the first render already shows the right page with
  // its filters (not the defaults, then the real ones a moment later with every request repeated).
  path = $state(globalThis.location?.pathname ?? '/');
  /** Reassigned on every change (never mutated), so $derived readers re-run. */
  search = $state(new URLSearchParams(globalThis.location?.search ?? ''));

  /** The query string `search` was last read from. */
  #raw: string | null = globalThis.location?.search ?? null;

  sync(): void {
    this.path = globalThis.location.pathname;
    // Reassigned only when the query string changed: every page derives its filters from
    // `search`, and a new object with the same content (the first sync at start-up, a same-URL
    // navigation) would make every page abort and repeat all its requests.
    const raw = globalThis.location.search;
    if (raw === this.#raw) return;
    this.#raw = raw;
    this.search = new URLSearchParams(raw);
  }

  /** Goes to `href` (path + query). `replace` for changes that should not add a history step (typing in search). */
  navigate(href: string, { replace = false } = {}): void {
    const url = new URL(href, globalThis.location.href);
    if (url.origin !== globalThis.location.origin) {
      globalThis.location.assign(url);
      return;
    }
    const next = `${url.pathname}${url.search}`;
    if (next === `${globalThis.location.pathname}${globalThis.location.search}`) return;
    if (replace) history.replaceState(null, '', next);
    else history.pushState(null, '', next);
    this.sync();
    if (!replace) globalThis.scrollTo?.(0, 0);
  }

  /** Same page, some query parameters changed (null deletes). */
  setParams(patch: Record<string, string | string[] | null>, options: { replace?: boolean } = {}): void {
    const search = new URLSearchParams(this.search);
    for (const [key, value] of Object.entries(patch)) {
      search.delete(key);
      if (value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
    }
    this.navigate(href(this.path, search), options);
  }

  /** Starts listening; returns the function that stops. */
  install(): () => void {
    this.sync();
    const onPop = () => this.sync();
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a');
      if (!anchor || anchor.hasAttribute('download') || (anchor.getAttribute('target') ?? '_self') !== '_self') return;
      const raw = anchor.getAttribute('href');
      if (!raw || raw.startsWith('#') || /^[a-z]+:/i.test(raw)) return;
      if (raw.startsWith('/api/')) return;
      event.preventDefault();
      this.navigate(raw);
    };
    globalThis.addEventListener('popstate', onPop);
    document.addEventListener('click', onClick);
    return () => {
      globalThis.removeEventListener('popstate', onPop);
      document.removeEventListener('click', onClick);
    };
  }
}

export const router = new Router();

export { href };
