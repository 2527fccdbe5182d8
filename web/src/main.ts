// Entry point. Kept small on purpose (no Svelte, no Plot): when the first page is the Overview,
// it starts that page's requests and then loads the app, so the server answers while the
// browser downloads and evaluates the app's code instead of after. The app is mounted once its
// code is in and, on the Overview, once the answers are (for at most WAIT_FOR_ANSWERS_MS more),
// so the first frame shows the numbers and charts instead of "Loading…" that is laid out,
// painted and then replaced. On a slow (cold) server the page appears after that wait with its
// panels loading, as it does on every other page.
import './app.css';
import { answersOf, prefetchOverview } from './features/overview/requests.ts';
import { loadAnnotations } from './lib/annotations.ts';

/** How long a mounted-and-ready app waits for the Overview's answers before showing its panels loading. */
const WAIT_FOR_ANSWERS_MS = 300;

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount Hindsight into.');

let answers: Promise<unknown> = Promise.resolve();
if (location.pathname === '/') {
  const requests = prefetchOverview(location.search);
  // Every time chart draws process changes; the page's shared answer (lib/annotations.ts). The
  // page only waits for these to settle: a failed answer is dropped from that cache, so each
  // chart's own loadAnnotations() asks again and shows the error.
  answers = Promise.allSettled([...answersOf(requests), loadAnnotations()]);
}

const booting = import('./boot.ts');
// While the browser compiles the app's chunks (off this thread) the page has nothing to do: build
// the first number and date formats now. The first Intl formatter of a page loads ICU's locale
// data, 40–100 ms on this thread, which would otherwise be paid while the app's code is evaluated
// (lib/format.ts builds one as it loads), after the answers are in. Later formatters reuse it.
new Intl.NumberFormat('en-US').format(1);
new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short' }).format(0);
const { start } = await booting;
await Promise.race([answers, new Promise((resolve) => setTimeout(resolve, WAIT_FOR_ANSWERS_MS))]);
export const app = start(target);
