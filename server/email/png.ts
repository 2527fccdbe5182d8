/**
 * SVG charts to PNG for emails (mail clients show neither inline SVG nor remote images). resvg
 * renders with the bundled DejaVu Sans (the dejavu-fonts-ttf package) and never the machine's
 * fonts, so the text in a chart looks the same on a server that has no fonts installed.
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
export const FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_FAMILY = 'DejaVu Sans';

/** Renders `svg` at `scale` × its own size (2 for sharp text on high-density screens). */
export function svgToPng(svg: string, scale = 2): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
