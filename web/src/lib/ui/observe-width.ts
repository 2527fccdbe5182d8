// The width a chart is drawn at, reported by one shared ResizeObserver (an attachment:
// `{@attach observeWidth((w) => (width = w))}`). Unlike `bind:clientWidth`, it does not read the
// width when the element is mounted: that read forces a layout, and a page that mounts many charts
// with their data (the Overview: six sparklines and three charts) would lay itself out once per
// chart, each chart's drawing dirtying the layout the next one reads. The observer reports every
// element's width together, after the browser's own layout and before it paints, so the charts are
// still drawn in the first frame. Hazard: a listener must not touch the DOM synchronously (it only
// sets state, which Svelte applies in a microtask), or the next element's clientWidth read in the
// same callback forces a layout again.
import type { Attachment } from 'svelte/attachments';

const listeners = new WeakMap<Element, (width: number) => void>();
let observer: ResizeObserver | null = null;

export function observeWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    observer ??= new ResizeObserver((entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.target.clientWidth);
    });
    listeners.set(element, set);
    observer.observe(element);
    return () => {
      listeners.delete(element);
      observer?.unobserve(element);
    };
  };
}
