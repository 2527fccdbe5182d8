// WCAG contrast of the theme colours in web/src/app.css, computed from the file itself: text
// colours need 4.5:1 (AA) on both backgrounds, chart and focus colours 3:1 (WCAG 1.4.11), in
// the light and the dark theme. A colour changed in app.css is re-checked here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('../../web/src/app.css', import.meta.url)), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = block(':root');
const dark = { ...light, ...block(":root[data-theme='dark']") };
const TEXT = ['text', 'muted', 'link', 'focus', 'good', 'bad'];
const GRAPHICS = ['sev1', 'sev2', 'sev3', 'sev4', 'series-1', 'series-2', 'series-3', 'series-4', 'series-5', 'series-6', 'series-7'];

describe.each([['light', light], ['dark', dark]] as const)('%s theme', (_, theme) => {
  it.each(TEXT)('--%s text is at least 4.5:1 on the page and on panels', (name) => {
    expect(ratio(theme[name]!, theme.surface!)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme[name]!, theme.bg!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(GRAPHICS)('--%s chart colour is at least 3:1 on panels', (name) => {
    expect(ratio(theme[name]!, theme.surface!)).toBeGreaterThanOrEqual(3);
  });
  it('error and warning text are at least 4.5:1 on their own backgrounds', () => {
    expect(ratio(theme['error-text']!, theme['error-bg']!)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme['warn-text']!, theme['warn-bg']!)).toBeGreaterThanOrEqual(4.5);
  });
});

it('keeps the system dark theme identical to data-theme="dark"', () => {
  expect(block(":root:not([data-theme='light'])")).toEqual(block(":root[data-theme='dark']"));
});
