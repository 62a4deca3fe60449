import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createRawServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { request } from '../../test/http.js';
import { serveWebApp } from '../webapp-static.js';
import { createHttpServer } from './http-server.js';
import { TELEGRAM_WEB_CLIENTS, WEBAPP_CSP } from './security-headers.js';

const MINI_APP = 'https://app.zapis.example';
const app = createTestApp({ env: { WEBAPP_URL: `${MINI_APP}/client`, GRAPHQL_MAX_BODY_KB: '16' } });
const query = JSON.stringify({ query: '{ __typename }' });

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('request body limit', () => {
  it('refuses a GraphQL body over GRAPHQL_MAX_BODY_KB by its Content-Length, 413 with a code, and closes the connection', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(17 * 1024) } });
    const response = await request(app, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(JSON.parse(response.text)).toEqual({
      errors: [{ message: 'A request body is at most 16 KiB.', extensions: { code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE' } }],
    });
  });

  it('stops reading a body without Content-Length at the limit', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`{"query":"{ __typename }","variables":{"padding":"${'x'.repeat(4096)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await app.fetch('http://zapis.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE' } }] });
    // Read up to the limit and a few chunks of stream buffering, never the whole (endless) body.
    expect(sent).toBeLessThan(64 * 1024);
  });

  it('answers bodies under the limit', async () => {
    const response = await request(app, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('CORS', () => {
  it("grants the mini-app's origin (WEBAPP_URL) without credentials", async () => {
    const preflight = await request(app, '/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: MINI_APP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(MINI_APP);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const response = await request(app, '/graphql', {
      method: 'POST',
      headers: { origin: MINI_APP, 'content-type': 'application/json' },
      body: query,
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(MINI_APP);
    // The answer depends on Origin: a shared cache must not hand it to another origin.
    expect(preflight.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('grants a foreign origin nothing, in preflight or answer', async () => {
    for (const origin of ['https://evil.example', 'null', `${MINI_APP}.evil.example`]) {
      const preflight = await request(app, '/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      const response = await request(app, '/graphql', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: query,
      });
      for (const answer of [preflight, response]) {
        expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(answer.headers.get('vary')).toMatch(/\bOrigin\b/);
      }
    }
  });

  it('grants nothing at all without WEBAPP_URL: the mini-app is same-origin', async () => {
    const sameOriginOnly = createTestApp();
    const response = await request(sameOriginOnly, '/graphql', {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body: query,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('are on every API answer, with no X-Powered-By', async () => {
    for (const [path, init] of [
      ['/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: query }],
      ['/health', {}],
      ['/media/nothing.webp', {}],
    ] as const) {
      const response = await request(app, path, init);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it("give GraphiQL's page a CSP that allows exactly its own inline script", async () => {
    const response = await request(app, '/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    const scripts = [...response.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const hashes = scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toContain(`script-src ${hashes.join(' ')};`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("give the mini-app's files a CSP that Telegram's web clients may frame", async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'zapis-webapp-csp-'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>x</title>');
    const server = createRawServer(serveWebApp(dist));
    try {
      const host = await listen(server);
      for (const route of ['/', '/client/bookings', '/assets/missing.js']) {
        const response = await fetch(`http://${host}${route}`);
        expect(response.headers.get('content-security-policy')).toBe(WEBAPP_CSP);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
      expect(WEBAPP_CSP).toContain(`frame-ancestors 'self' ${TELEGRAM_WEB_CLIENTS.join(' ')}`);
      expect(WEBAPP_CSP).toMatch(/script-src 'self';/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(dist, { recursive: true, force: true });
    }
  });
});

describe('readiness while draining', () => {
  it('answers /ready 503 from the moment shutdown begins', async () => {
    let draining = false;
    const drainable = createTestApp({ draining: () => draining });
    expect((await request(drainable, '/ready')).status).toBe(200);
    draining = true;
    const response = await request(drainable, '/ready');
    expect(response.status).toBe(503);
    expect(JSON.parse(response.text)).toEqual({ status: 'draining' });
  });
});

describe('HTTP server', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.closeAllConnections();
  });

  it('cuts a client that sends its headers too slowly', async () => {
    const { server } = createHttpServer((_req, res) => res.end('ok'), {
      headersTimeoutMs: 300,
      requestTimeoutMs: 1_000,
      keepAliveTimeoutMs: 1_000,
    });
    servers.push(server);
    const [host, port] = (await listen(server)).split(':');
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), host!, () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n'));
      let received = '';
      socket.on('data', (chunk) => (received += chunk));
      socket.on('close', () => resolve(received));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('drains: a request in flight is answered with Connection: close, then the listener is closed', async () => {
    let release: () => void = () => undefined;
    const { server, drain } = createHttpServer(
      (_req, res) => {
        release = () => res.end('done');
      },
      { headersTimeoutMs: 1_000, requestTimeoutMs: 5_000, keepAliveTimeoutMs: 5_000 },
    );
    servers.push(server);
    const host = await listen(server);
    const pending = fetch(`http://${host}/`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drained = drain(5_000);
    setTimeout(() => release(), 200);
    const response = await pending;
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.text()).toBe('done');
    await drained;
    await expect(fetch(`http://${host}/`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});
