import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { precompress } from './build/precompress.ts';

/**
 * The operator dashboard (/ops, src/ops/): a build of its own, into dist/ops/, so that nothing of
 * it (uPlot, the page) can enter the mini-app's chunks, and the mini-app's build and manifest
 * stay as they are. The API's static server answers /ops with dist/ops/index.html.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/ops/', import.meta.url)),
  base: '/ops/',
  plugins: [solid(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/ops/', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
