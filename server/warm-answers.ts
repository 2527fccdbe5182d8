/**
 * Re-answers the dashboard's recent questions after a scheduled sync wrote new data, so the
 * next visitor reads them from the answer cache instead of waiting for DuckDB (the Overview at
 * 1,000,000 incidents: about 2 s computed, 0.7 s cached). A manager's monthly visit usually
 * comes after a sync, which empties the cache.
 *
 * Remembers the last MAX_URLS distinct GET URLs of the cached metric routes that were answered
 * 200, and after a sync asks them again, one after another, through the app itself: the same
 * routes, clock, review-cutoff snapping and cache, so there is no second way of computing an
 * answer. One at a time on purpose: the replays only fill the cache, and running them side by
 * side would take the cores from the visitors' own requests (which join a replay already
 * computing the same answer, since the cache shares in-flight work).
 * URLs are kept as path and query only (the app routes on those; two hosts naming this server
 * are one question), so the list can be stored and handed to the next start (`remembered`,
 * remembered-questions.ts), which asks them again before the first visitor does.
 * Hazards: a replay still querying when the database closes would abort the process, so
 * stop() waits for the one in progress; a failed replay is logged, never thrown into the sync.
 */
import type { Logger } from './deps.ts';

/** Routes whose answers the cache keeps (server/routes/metrics.ts, targets.ts). */
const WARMED_PATHS = new Set(['/api/metrics', '/api/targets']);
const MAX_URLS = 16;
/** The origin a replayed request is made with: only its path and query reach the routes. */
const REPLAY_ORIGIN = 'http://127.0.0.1';

export interface AnswerWarmer {
  /** Records a request the server answered (only successful GETs of WARMED_PATHS are kept). */
  note(request: Request, response: Response): void;
  /**
   * Asks every remembered URL again, most recent first; a call during a replay runs it once more
   * after. `why` ends the log line ("after new data", "after a restart").
   */
  warm(why?: string): Promise<void>;
  /** No replay starts after this; resolves when the one in progress has finished. */
  stop(): Promise<void>;
  /** The remembered paths with their query strings, most recent first. */
  readonly urls: string[];
}

/** `remembered`: paths from an earlier run, most recent first (any other path is ignored). */
export function answerWarmer(
  fetch: (request: Request) => Response | Promise<Response>, log: Logger, maxUrls = MAX_URLS, remembered: readonly string[] = [],
): AnswerWarmer {
  const recent = new Set<string>(); // insertion order is recency: re-noting moves a URL to the end
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const remember = (url: URL) => {
    if (!WARMED_PATHS.has(url.pathname)) return;
    const path = url.pathname + url.search;
    recent.delete(path);
    recent.add(path);
    if (recent.size > maxUrls) recent.delete(recent.values().next().value!);
  };
  for (const path of [...remembered].reverse()) remember(new URL(path, REPLAY_ORIGIN));

  async function replayAll(why: string): Promise<void> {
    do {
      again = false;
      const started = performance.now();
      let answered = 0;
      for (const path of [...recent].reverse()) {
        if (stopped) return;
        try {
          const response = await fetch(new Request(new URL(path, REPLAY_ORIGIN)));
          await response.arrayBuffer();
          if (response.ok) answered++;
          else log.error(`re-answering ${path} ${why}: HTTP ${response.status}`);
        } catch (error) {
          log.error(`re-answering ${path} ${why} failed: ${(error as Error).message}`);
        }
      }
      log.info(`re-answered ${answered} recent question(s) ${why} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } while (again && !stopped);
  }

  return {
    note(request, response) {
      if (request.method !== 'GET' || response.status !== 200) return;
      remember(new URL(request.url));
    },
    warm(why = 'after new data') {
      if (stopped || recent.size === 0) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = replayAll(why).finally(() => {
        running = null;
      });
      return running;
    },
    stop() {
      stopped = true;
      return running ?? Promise.resolve();
    },
    get urls() {
      return [...recent].reverse();
    },
  };
}
