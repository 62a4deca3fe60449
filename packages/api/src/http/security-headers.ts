import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CORSOptions, Plugin } from 'graphql-yoga';

/**
 * Telegram's web clients, which open a mini-app in an iframe: Web A and Web K live at
 * web.telegram.org/a and /k; webk. and webz. are their earlier addresses, still served. The
 * phone and desktop apps open it in a webview of their own, which no frame-ancestors concerns.
 */
export const TELEGRAM_WEB_CLIENTS = ['https://web.telegram.org', 'https://webk.telegram.org', 'https://webz.telegram.org'];

function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * The mini-app's page: its own scripts, styles and API only (Vite emits no inline code); photos
 * from /media, `blob:` for the preview of a photo being chosen, `data:` for the empty favicon.
 * Styles Solid sets go through the CSSOM (`element.style`), which style-src does not govern.
 */
export const WEBAPP_CSP = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'", ...TELEGRAM_WEB_CLIENTS],
});

/**
 * GraphiQL's page is one inline script (its hash, computed per page: it carries the Headers tab's
 * contents) and one inline style; its editor adds styles at run time and starts its workers from
 * `blob:` URLs. It is for people at a browser tab: nobody frames it.
 */
function graphiqlCsp(scriptHashes: string[]): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': scriptHashes.length > 0 ? scriptHashes : ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'worker-src': ['blob:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

/** Headers every answer carries: no MIME sniffing, and no URL of ours sent onwards. */
export const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** Sets the mini-app's headers on a Node response (the static files, index.html for every route). */
export function setWebAppHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
  res.setHeader('content-security-policy', WEBAPP_CSP);
}

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
}

/**
 * The API's answers carry COMMON_HEADERS; its HTML page (GraphiQL) a CSP that allows exactly its
 * own inline script. Where a mini-app origin is granted CORS (`corsPolicy`), every answer depends
 * on the request's `Origin`, so it says so (`Vary: Origin`) and no shared cache hands the granted
 * answer to another origin or the other way round. Register it before useResponseCompression,
 * which needs the finished headers.
 */
export function useSecurityHeaders(options: { corsOrigin?: string } = {}): Plugin {
  return {
    async onResponse({ response, setResponse, fetchAPI }) {
      for (const [name, value] of Object.entries(COMMON_HEADERS)) response.headers.set(name, value);
      if (options.corsOrigin !== undefined && !/(^|,)\s*origin\s*(,|$)/i.test(response.headers.get('vary') ?? '')) {
        response.headers.append('vary', 'Origin');
      }
      if (!response.headers.get('content-type')?.startsWith('text/html') || !response.body) return;
      const html = await response.text();
      const headers = new fetchAPI.Headers();
      for (const [name, value] of response.headers) headers.append(name.toLowerCase(), value);
      headers.set('content-security-policy', graphiqlCsp(inlineScriptHashes(html)));
      headers.delete('content-length');
      setResponse(new fetchAPI.Response(html, { status: response.status, headers }));
    },
  };
}

/**
 * CORS for the one browser origin that may call the API from elsewhere: WEBAPP_URL's, when the
 * mini-app is hosted apart from the API. The mini-app this server hosts, GraphiQL and the Vite dev
 * server (which proxies the API) are all same-origin and need none. Any other `Origin` gets no
 * CORS headers at all, and nobody gets credentials: the API authenticates by header, not cookie.
 */
export function corsPolicy(webappUrl: string | undefined): (request: Request) => CORSOptions {
  const allowed = webappUrl ? new URL(webappUrl).origin : undefined;
  return (request) =>
    allowed !== undefined && request.headers.get('origin') === allowed
      ? {
          origin: [allowed],
          credentials: false,
          methods: ['GET', 'POST'],
          allowedHeaders: ['authorization', 'content-type', 'accept-language', 'x-zapis-language', 'x-request-id'],
          exposedHeaders: ['x-request-id'],
          maxAge: 600,
        }
      : false;
}
