// How much JavaScript the mini-app's first screens download, read from the build's manifest
// (dist/.vite/manifest.json): a screen loads the entry chunk, the lazy chunks of its route's
// layout and page, and every chunk those import statically. Run it after `npm run build`.
// Sizes are what goes over the wire: the brotli and gzip copies the build writes beside each file
// (build/precompress.ts), which the API's static server sends to browsers that accept them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from 'vite';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifestPath = path.join(dist, '.vite', 'manifest.json');

/**
 * The first screen of each role: the texts every screen shows, the route's layout, the role's texts
 * (texts in Russian, the primary market's language; the English ones weigh about the same) and its
 * index page, all loaded lazily.
 */
const screens = [
  {
    name: 'first client screen (/client)',
    modules: [
      'src/i18n/shared.ru.ts',
      'src/components/ClientProfileProvider/ClientProfileProvider.tsx',
      'src/i18n/client.ru.ts',
      'src/pages/ClientPage/ClientPage.tsx',
    ],
  },
  {
    name: 'first master screen (/master)',
    modules: [
      'src/i18n/shared.ru.ts',
      'src/masterRoutes.tsx',
      'src/components/MasterProfileProvider/MasterProfileProvider.tsx',
      'src/i18n/master.ru.ts',
      'src/pages/MasterPage/MasterPage.tsx',
    ],
  },
];

interface Size {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

function main(): void {
  if (!existsSync(manifestPath)) {
    console.error(
      `${path.relative(process.cwd(), manifestPath)} is missing: build the mini-app first (npm run build --workspace @zapis/webapp).`,
    );
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) fail('the manifest names no entry chunk');

  const rows: [string, Size][] = screens.map((screen) => [
    screen.name,
    sizeOf(loadedFiles(manifest, [entry, ...screen.modules.map((module) => lazyChunk(manifest, module))])),
  ]);
  const assets = path.join(dist, 'assets');
  const allJs = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join('assets', file));
  rows.push(['all JS', sizeOf(allJs)]);

  const width = Math.max(...rows.map(([name]) => name.length));
  console.log('Mini-app JS as sent, brotli / gzip / uncompressed:');
  for (const [name, size] of rows) {
    console.log(
      `  ${name.padEnd(width)}  ${kB(size.brotli).padStart(9)} br  ${kB(size.gzip).padStart(9)} gzip  ${kB(size.raw).padStart(9)} raw  (${size.files} files)`,
    );
  }
}

/** The manifest key of a module that is a lazy chunk's own entry, or a clear failure when it is not. */
function lazyChunk(manifest: Manifest, module: string): string {
  if (!manifest[module]?.isDynamicEntry) fail(`${module} is not a lazily loaded chunk of its own (see src/routes.tsx and src/i18n/)`);
  return module;
}

/** The JS files of `keys` and of every chunk they import statically, each once. */
function loadedFiles(manifest: Manifest, keys: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) fail(`the manifest has no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...seen].map((key) => manifest[key]!.file);
}

function sizeOf(files: string[]): Size {
  const size: Size = { files: files.length, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const raw = statSync(path.join(dist, file)).size;
    size.raw += raw;
    size.gzip += sentSize(file, '.gz', raw);
    size.brotli += sentSize(file, '.br', raw);
  }
  return size;
}

/** The size of the file's precompressed copy, or of the file itself where the build wrote none (too small to gain). */
function sentSize(file: string, suffix: '.br' | '.gz', raw: number): number {
  const copy = path.join(dist, file + suffix);
  return existsSync(copy) ? statSync(copy).size : raw;
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function fail(message: string): never {
  console.error(`bundle-size: ${message}`);
  process.exit(1);
}

main();
