/**
 * The PDF report: the self-contained HTML report printed by headless Chromium (playwright-core
 * driving the system's Chromium; Playwright's own browser download is not used). A fresh
 * profile per print, every network request refused (the HTML needs none, and a ticket link must
 * never be fetched), and the profile removed afterwards even when printing fails.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { InputError } from '../../queries/errors.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Which Chromium: the configured path, else $HINDSIGHT_CHROMIUM, else Debian's. */
export function chromiumPath(configured: string | null = null): string {
  return configured ?? process.env.HINDSIGHT_CHROMIUM ?? DEFAULT_CHROMIUM;
}

export async function htmlToPdf(html: string, executable: string): Promise<Buffer> {
  if (!existsSync(executable)) {
    throw new InputError(
      `A PDF report needs Chromium, and there is none at ${executable}. Install it (Debian or Ubuntu: sudo apt-get install -y chromium) ` +
        'or point HINDSIGHT_CHROMIUM or "chromium:" in hindsight.yaml at one; or ask for --format html (format=html), which prints to PDF from any browser.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'hindsight-pdf-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: executable, headless: true, args: FLAGS, timezoneId: 'UTC', locale: 'en-US' });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
