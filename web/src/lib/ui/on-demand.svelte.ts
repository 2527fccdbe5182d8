// Content of a closed <details> ("Show the numbers") built when it is first opened, or when the
// page is printed (print shows every <details>' content, app.css), instead of with the page:
// the Overview's three tables are ~700 elements that nobody sees in its first frame.
// Usage: `const numbers = onDemand();` during component set-up, then
// `<details ontoggle={numbers.ontoggle}>… {#if numbers.shown}<table>…{/if}</details>`.
// Hazard: the browser's find-in-page cannot find text that is not built yet.
import { flushSync } from 'svelte';

export interface OnDemand {
  readonly shown: boolean;
  ontoggle(event: Event): void;
}

export function onDemand(): OnDemand {
  let shown = $state(false);
  $effect(() => {
    // flushSync: the table must be in the document before the browser lays out the printout.
    const show = () => {
      shown = true;
      flushSync();
    };
    globalThis.addEventListener('beforeprint', show);
    return () => globalThis.removeEventListener('beforeprint', show);
  });
  return {
    get shown() {
      return shown;
    },
    ontoggle(event) {
      if ((event.currentTarget as HTMLDetailsElement).open) shown = true;
    },
  };
}
