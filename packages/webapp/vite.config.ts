import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const api = 'http://localhost:4000';

export default defineConfig({
  plugins: [solid()],
  server: {
    proxy: {
      '/graphql': api,
      '/dev/': api,
      '/debug/': api,
      '/health': api,
    },
  },
});
