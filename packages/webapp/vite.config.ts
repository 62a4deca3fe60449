import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const api = 'http://localhost:4000';

export default defineConfig({
  plugins: [solid()],
  // dist/.vite/manifest.json maps the chunks and their imports: `npm run size` walks it.
  build: { manifest: true },
  server: {
    proxy: {
      '/graphql': api,
      '/dev/': api,
      '/debug/': api,
      '/health': api,
    },
  },
});
