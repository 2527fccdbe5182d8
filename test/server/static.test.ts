/**
 * The built dashboard as server/static.ts sends it: the compressed copy the client accepts
 * (brotli before gzip, none without Accept-Encoding), always `Vary: Accept-Encoding`, hashed
 * assets cached for good and index.html checked every time, also when it answers an unknown path.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, staticRoutes } from '../../server/static.ts';

const CODE = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
const INDEX = '<!doctype html><title>Hindsight</title><script type="module" src="/assets/app-abc123.js"></script>';
let root: string;
let app: ReturnType<typeof staticRoutes>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hindsight-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app-abc123.js'), CODE);
  writeFileSync(join(root, 'assets', 'app-abc123.js.gz'), gzipSync(CODE));
  writeFileSync(join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync(CODE));
  app = staticRoutes(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (path: string, encodings?: string) => app.request(path, encodings ? { headers: { 'Accept-Encoding': encodings } } : {});

describe('compressed assets', () => {
  it('sends brotli when accepted, with Vary and the year-long cache', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Cache-Control')).toBe(IMMUTABLE);
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(CODE);
  });

  it('sends gzip to a client without brotli', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, deflate');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(Number(res.headers.get('Content-Length'))).toBeLessThan(CODE.length);
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(CODE);
  });

  it('sends the file itself, still with Vary, to a client that accepts no encoding', async () => {
    const res = await get('/assets/app-abc123.js');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe(CODE);
  });
});

describe('index.html', () => {
  it('is revalidated on every visit, at / and at any dashboard path', async () => {
    for (const path of ['/', '/incidents?severity=SEV1']) {
      const res = await get(path, 'gzip, br');
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe(REVALIDATE);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('answers a missing asset without the year-long cache', async () => {
    const res = await get('/assets/app-gone00.js', 'gzip');
    expect(res.headers.get('Cache-Control')).toBe(REVALIDATE);
  });
});
