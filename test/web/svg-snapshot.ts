// SVG snapshot helpers for the chart tests, after Observable Plot's test/plot-snapshot.js:
// normalise (numbers rounded to 2 decimals, Plot's generated class names and ids renumbered),
// compare with test/web/__snapshots__/<name>.svg; a missing snapshot is written (check it by
// eye before committing); a mismatch writes <name>-changed.svg beside it and fails.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

export function newDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Seeded generator (mulberry32) so fixtures are the same on every machine. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalizeSvg(root: Element): string {
  const uid = 'plot-d6a7b5'; // Plot's defaultClassName
  for (const node of [root, ...root.querySelectorAll('[class]')]) {
    const cls = node.getAttribute('class');
    if (cls) node.setAttribute('class', cls.replace(new RegExp(`\\b${uid}\\b`, 'g'), 'plot'));
  }
  for (const style of root.querySelectorAll('style')) {
    style.textContent = (style.textContent ?? '').replace(new RegExp(`[.]${uid}\\b`, 'g'), '.plot');
  }
  const ids = new Map<string, string>();
  for (const node of root.querySelectorAll('[id^="plot-"]')) {
    const id = node.getAttribute('id') as string;
    if (!ids.has(id)) ids.set(id, `plot-id-${ids.size + 1}`);
    node.setAttribute('id', ids.get(id) as string);
  }
  let html = root.outerHTML;
  for (const [from, to] of ids) html = html.replaceAll(`url(#${from})`, `url(#${to})`);
  return html.replace(/-?\d+\.\d{3,}/g, (d) => String(+(+d).toFixed(2))).replace(/></g, '>\n<') + '\n';
}

/** Compares `chart` with __snapshots__/<name>.svg (writing it when missing). */
export function expectSnapshot(chart: Element, name: string): void {
  const snapshot = fileURLToPath(new URL(`./__snapshots__/${name}.svg`, import.meta.url));
  const changed = fileURLToPath(new URL(`./__snapshots__/${name}-changed.svg`, import.meta.url));
  const actual = normalizeSvg(chart);
  if (!existsSync(snapshot)) {
    writeFileSync(snapshot, actual, 'utf8');
    console.warn(`wrote new snapshot ${snapshot}; open it and check it by eye before committing`);
    return;
  }
  if (actual !== readFileSync(snapshot, 'utf8')) {
    writeFileSync(changed, actual, 'utf8');
    throw new Error(`${name} SVG differs from ${snapshot}; see ${changed}. If the change is right, replace the snapshot with it.`);
  }
  if (process.env.CI !== 'true' && existsSync(changed)) unlinkSync(changed);
}
