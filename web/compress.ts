// Writes a gzip and a brotli copy beside every compressible file the build emits (`app-….js.gz`,
// `app-….js.br`), which the server sends to browsers that accept them (server/static.ts,
// serveStatic's `precompressed`): the dashboard's code travels as ~130 KB instead of ~430 KB, and
// no request pays for compressing it. Highest levels, since it runs once per build.
// Hazard: a copy must never outlive or differ from its original; the build empties web/dist
// first (emptyOutDir), so every copy is written from the bytes of this build.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Text formats worth compressing; images and fonts in the build are already compressed. */
export const COMPRESSIBLE = /\.(js|css|html|svg|json|map)$/;
/** Below this a compressed copy saves less than a packet. */
export const MIN_BYTES = 1024;

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'hindsight-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      await Promise.all(
        Object.keys(bundle)
          .filter((file) => COMPRESSIBLE.test(file))
          .map(async (file) => {
            const path = join(outDir, file);
            const bytes = await readFile(path);
            if (bytes.length < MIN_BYTES) return;
            const [gz, br] = await Promise.all([
              gzipAsync(bytes, { level: 9 }),
              brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            ]);
            await Promise.all([writeFile(`${path}.gz`, gz), writeFile(`${path}.br`, br)]);
          }),
      );
    },
  };
}
