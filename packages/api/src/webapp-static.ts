import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { repoRoot } from './env.js';

export const webappDist = path.join(repoRoot, 'packages', 'webapp', 'dist');

/** Paths the API answers; everything else is the mini-app. */
const apiPaths = /^\/(graphql|health|ready|dev|debug|metrics|telegram|media|calendar)(\/|$|\?)/;

export function isApiPath(url: string | undefined): boolean {
  return apiPaths.test(url ?? '/');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built mini-app; unknown paths get index.html so that client-side routes
 * (/master/…, /client/…) load. Hashed assets are cached for a year, index.html never.
 */
export function serveWebApp(): Handler {
  if (!existsSync(path.join(webappDist, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The mini-app is not built: run `npm run build` (npm start does it for you).');
    };
  }
  const serve = sirv(webappDist, {
    single: true,
    etag: true,
    gzip: false,
    setHeaders(res, pathname) {
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    });
}
