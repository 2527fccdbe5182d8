// Vite config for the dashboard. Paths resolve from this file's folder, not the working
// directory, so `vite build --config web/vite.config.ts` from the repo root, `npm run dev`
// (web/dev.ts) and web/build-if-needed.ts all build the same thing into web/dist.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Where `npm run dev` forwards /api: the Hono server's default address (hindsight serve). */
export const API_TARGET = 'http://127.0.0.1:8080';
export const DEV_HOST = '127.0.0.1';
export const DEV_PORT = 5173;

export default defineConfig({
  root,
  // Served by the Hono server at '/', so absolute asset URLs are right.
  base: '/',
  // No svelte.config.js: Svelte 5 reads <script lang="ts"> itself, and the defaults are what we want.
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // One bundle (Plot + Arrow + Svelte) is ~550 kB raw; the budget that matters is the gzipped
    // size (<= 250 kB, checked by test/e2e/bundle-size.test.ts), so Vite's raw-size warning is
    // raised above it rather than ignored.
    chunkSizeWarningLimit: 800,
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
