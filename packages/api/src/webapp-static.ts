import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { repoRoot } from './env.js';
import { setWebAppHeaders } from './http/security-headers.js';

export const webappDist = path.join(repoRoot, 'packages', 'webapp', 'dist');

/** Paths the API answers; everything else is the mini-app. */
const apiPaths = /^\/(graphql|health|ready|dev|debug|metrics|telegram|media|calendar)(\/|$|\?)/;

export function isApiPath(url: string | undefined): boolean {
  return apiPaths.test(url ?? '/');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Files whose names carry their content's hash (Vite's `assets/<name>-<hash>.<ext>`, the operator page's under `ops/`): a new build
 * names changed files anew, so a browser may keep these for good. A name without an extension is
 * a client-side route that gets index.html, which must not be kept.
 */
const hashedAsset = /^\/(ops\/)?assets\/[^/]+\.\w+$/;

/**
 * Serves the built mini-app; unknown paths get index.html so that client-side routes
 * (/master/…, /client/…) load. Hashed assets are cached for a year, index.html is revalidated on
 * every launch. Text files go out as the brotli (`.br`) or gzip (`.gz`) copies the build made
 * beside them (packages/webapp/build/precompress.ts) when the client accepts that encoding; sirv
 * then sets `Content-Encoding` and `Vary: Accept-Encoding`. Every answer carries the mini-app's
 * Content-Security-Policy, `nosniff` and `Referrer-Policy` (setWebAppHeaders).
 */
export function serveWebApp(dist = webappDist): Handler {
  if (!existsSync(path.join(dist, 'index.html'))) {
    return (_req, res) => {
      setWebAppHeaders(res);
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The mini-app is not built: run `npm run build` (npm start does it for you).');
    };
  }
  const serve = sirv(dist, {
    single: true,
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader('cache-control', hashedAsset.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) => {
    setWebAppHeaders(res);
    serve(req, res, () => {
      res.writeHead(404).end();
    });
  };
}
