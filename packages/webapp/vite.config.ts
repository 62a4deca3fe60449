import { fileURLToPath } from 'node:url';
import { defineConfig, type Rolldown } from 'vite';
import solid from 'vite-plugin-solid';
import { precompress } from './build/precompress.ts';

const api = 'http://localhost:4000';

const appSource = fileURLToPath(new URL('./src/', import.meta.url));

/** Each role's lazily loaded entry modules (see src/routes.tsx and src/i18n/): its layout, pages and texts. */
const roleEntries = {
  client: /\/src\/(components\/ClientProfileProvider|pages\/Client\w*Page|i18n\/client\.\w+\.ts)/,
  master: /\/src\/(masterRoutes\.tsx|components\/MasterProfileProvider|pages\/Master\w*Page|i18n\/master\.\w+\.ts)/,
};

/** The client's first screen, where most launches land: the client layout, its texts and the search page. */
const clientHome = /\/src\/(components\/ClientProfileProvider\/|pages\/ClientPage\/|i18n\/client\.\w+\.ts)/;

/** What rolldown knows of the module graph while it splits the code into chunks. */
interface ModuleGraph {
  getModuleInfo(id: string): Rolldown.ModuleInfo | null;
}

/**
 * One boot chunk rather than a dozen small files (gzip compresses one file better): all the app
 * needs at launch (solid-js, the router, urql, the Telegram SDK, the app shell), and the app's own
 * code that both roles' pages share and the client's first screen uses (dates, sheets, formats,
 * the city picker). Code that only one role uses stays in that role's lazily loaded chunks.
 */
function bootChunk(id: string, graph: ModuleGraph): 'boot' | null {
  const entries = entriesLoading(id, graph);
  if (entries.some((entry) => graph.getModuleInfo(entry)?.isEntry)) return 'boot';
  // @zapis/schema's index re-exports every document, so following imports cannot tell which role
  // uses which of its modules; rolldown places code outside src/ by what is used.
  if (!id.startsWith(appSource)) return null;
  const usedBy = (pattern: RegExp) => entries.some((entry) => pattern.test(entry));
  return usedBy(roleEntries.client) && usedBy(roleEntries.master) && usedBy(clientHome) ? 'boot' : null;
}

/** The entry modules (the app's, and the lazily loaded ones) whose chunks need `id`, through any chain of static imports. */
function entriesLoading(id: string, graph: ModuleGraph): string[] {
  const entries: string[] = [];
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const info = graph.getModuleInfo(current);
    if (!info) continue;
    if (info.isEntry || info.dynamicImporters.length > 0) entries.push(current);
    queue.push(...info.importers);
  }
  return entries;
}

export default defineConfig({
  plugins: [solid(), precompress()],
  build: {
    // dist/.vite/manifest.json maps the chunks and their imports: `npm run size` walks it.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: bootChunk }] },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': api,
      '/dev/': api,
      '/debug/': api,
      '/health': api,
      '/media/': api,
      '/calendar/': api,
    },
  },
});
