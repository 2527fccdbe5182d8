// Vite config for the dashboard. Paths resolve from this file's folder, not the working
// directory, so `vite build --config web/vite.config.ts` from the repo root, `npm run dev`
// (web/dev.ts) and web/build-if-needed.ts all build the same thing into web/dist.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import { precompress } from './compress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Where `npm run dev` forwards /api: the Hono server's default address (hindsight serve). */
export const API_TARGET = 'http://127.0.0.1:8080';
export const DEV_HOST = '127.0.0.1';
export const DEV_PORT = 5173;

/** The entry's own modules (see `codeSplitting` below). */
const START = /[\\/]node_modules[\\/]hono[\\/]|[\\/]web[\\/]src[\\/](lib[\\/](api|api-more|filters|periods|annotations)\.ts|features[\\/]overview[\\/](kpis|requests)\.ts)$/;
/** The entry (index.html, src/main.ts and its stylesheet) stays the entry chunk. */
const ENTRY = /\.html$|[\\/]web[\\/]src[\\/](main\.ts|app\.css)$/;
/** Svelte's runtime and the two packages it imports (see `codeSplitting` below). */
const SVELTE = /[\\/]node_modules[\\/](svelte|clsx|esm-env)[\\/]/;
/** Files of the app or its packages (not Vite's virtual modules such as its preload helper). */
const SOURCE = /^(?!\0).*[\\/](node_modules|web[\\/]src)[\\/]/;
/** Loaded on demand: every page but the Overview, and Arrow with what only it needs. */
const LAZY = /[\\/]node_modules[\\/](apache-arrow|flatbuffers|tslib)[\\/]|[\\/]web[\\/]src[\\/](features[\\/](?!overview[\\/])|lib[\\/]incidents-stream\.ts)/;

/**
 * Names the `app` and `svelte` chunks (and their stylesheets) and the chunk the entry's
 * import('./boot.ts') loads in index.html as modulepreload / stylesheet, so the browser
 * downloads them while the entry sends the Overview's requests, instead of discovering them only
 * when the entry runs its import().
 * Hazard: boot.ts becomes a tiny chunk of its own (a re-export of `app`); asked for only by the
 * import(), it waited behind the Overview's requests, which take all six connections a browser
 * opens to one server, and the app's code was evaluated only once the first answer was in.
 */
function preloadApp(): Plugin {
  return {
    name: 'hindsight-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter((c) => c.type === 'chunk');
        const booted = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => c.dynamicImports));
        const tags: HtmlTagDescriptor[] = [];
        for (const chunk of chunks) {
          if (chunk.name !== 'app' && chunk.name !== 'svelte' && !booted.has(chunk.fileName)) continue;
          tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' });
          for (const css of chunk.viteMetadata?.importedCss ?? []) tags.push({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${css}` }, injectTo: 'head' });
        }
        return tags;
      },
    },
  };
}

export default defineConfig({
  root,
  // Served by the Hono server at '/', so absolute asset URLs are right.
  base: '/',
  // No svelte.config.js: Svelte 5 reads <script lang="ts"> itself, and the defaults are what we want.
  plugins: [svelte({ configFile: false }), preloadApp(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // One bundle (Plot + Arrow + Svelte) is ~550 kB raw; the budget that matters is the gzipped
    // size (<= 250 kB, checked by test/e2e/bundle-size.test.ts), so Vite's raw-size warning is
    // raised above it rather than ignored.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // A few kinds of chunk instead of one per shared module (tens of small requests):
        // - `start`: what the entry (src/main.ts) needs to send the Overview's requests (the typed
        //   client, filters, periods); no Svelte, no Plot, so they go out as soon as it is in;
        // - `svelte`: Svelte's runtime, on its own because it creates an Error while it is
        //   evaluated, and under an attached inspector (DevTools, Playwright) V8 then re-parses the
        //   whole chunk that error was created in for its line numbers: ~40 ms on the main thread
        //   for `app`, a tenth of that for this chunk;
        // - `app`: Plot + d3 and the shell, the Overview and the shared library/charts,
        //   loaded by the entry with import() while those requests are answered;
        // - each other page (features/<flow>/) and apache-arrow stay their own chunks, loaded
        //   when first opened (App.svelte, lib/incidents-stream.ts).
        // Hazard: a module the entry imports must not land in `app`, or the entry waits for all of
        // it, so Vite's preload helper (a virtual module the entry and the app both call) goes to `start`.
        codeSplitting: {
          groups: [
            { name: 'start', priority: 3, test: (id: string) => START.test(id) || id.startsWith('\0vite/preload-helper') },
            { name: 'svelte', priority: 2, test: (id: string) => SVELTE.test(id) },
            { name: 'app', priority: 1, test: (id: string) => SOURCE.test(id) && !ENTRY.test(id) && !START.test(id) && !LAZY.test(id) },
          ],
        },
      },
    },
  },
  server: {
    host: DEV_HOST,
    port: DEV_PORT,
    // Fail loudly rather than silently moving to another port the user isn't looking at.
    strictPort: true,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  // Stop Vite from reading a .env or public/ folder from the repo root by accident.
  envDir: root,
});
