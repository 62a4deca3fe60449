import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../../env.js';
import { createOtpSender, DevelopmentOtpSender, OtpDeliveryError, TelegramGatewayOtpSender } from './otp-sender.js';

const TOKEN = 'AAGw-gateway-token-for-tests_0123456789abcdef';
const PHONE = '+79123456789';
const NATIONAL = '9123456789';

/** A pino logger writing into memory, with no redaction: what the code itself puts in logs. */
function capturedLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // No pid, host name or time: nothing but what the code logged.
  const log = pino({ level: 'trace', base: null, timestamp: false }, destination);
  return { log, text: () => lines.join('') };
}

interface ReceivedRequest {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = { status: number; body: string; contentType?: string } | 'never';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  vi.unstubAllEnvs();
});

/** A local stand-in for gatewayapi.telegram.org that records what it was sent. */
async function gatewayStub(reply: Reply) {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method, path: request.url, headers: request.headers, body });
      if (reply === 'never') return;
      response.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      response.end(reply.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, received };
}

const json = (status: number, body: unknown): Reply => ({ status, body: JSON.stringify(body) });

async function failureOf(promise: Promise<unknown>): Promise<OtpDeliveryError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(OtpDeliveryError);
  return error as OtpDeliveryError;
}

function expectNoSecrets(text: string) {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(NATIONAL);
}

describe('TelegramGatewayOtpSender', () => {
  it('calls sendVerificationMessage with the bearer token, the number, our code and the ttl', async () => {
    const gateway = await gatewayStub(
      json(200, {
        ok: true,
        result: { request_id: 'tgr_0123456789', phone_number: PHONE, request_cost: 0.01, remaining_balance: 9.99 },
      }),
    );
    const { log, text } = capturedLog();
    const sender = new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: gateway.baseUrl, log });

    const result = await sender.send(PHONE, '042917', { ttlSeconds: 300 });

    expect(sender.delivery).toBe('TELEGRAM_GATEWAY');
    expect(result).toEqual({ deliveryRef: 'tgr_0123456789' });
    expect(gateway.received).toHaveLength(1);
    const [request] = gateway.received;
    expect(request).toMatchObject({ method: 'POST', path: '/sendVerificationMessage' });
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({ phone_number: PHONE, code: '042917', ttl: 300 });
    expect(text()).toContain('tgr_0123456789');
    expectNoSecrets(text());
  });

  it('appends the method to a configured base URL with a path', async () => {
    const gateway = await gatewayStub(json(200, { ok: true, result: { request_id: 'r1' } }));
    const sender = new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: `${gateway.baseUrl}proxy/gateway`, log: capturedLog().log });

    await sender.send(PHONE, '123456', { ttlSeconds: 300 });

    expect(gateway.received[0]?.path).toBe('/proxy/gateway/sendVerificationMessage');
  });

  it.each([200, 400, 401])('maps { ok: false, error } (HTTP %i) to a rejection naming the error', async (status) => {
    const gateway = await gatewayStub(json(status, { ok: false, error: 'ACCESS_TOKEN_INVALID' }));
    const { log, text } = capturedLog();
    const sender = new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: gateway.baseUrl, log });

    const error = await failureOf(sender.send(PHONE, '123456', { ttlSeconds: 300 }));

    expect(error.reason).toBe('rejected');
    expect(error.gatewayError).toBe('ACCESS_TOKEN_INVALID');
    expect(error.message).toBe('Telegram Gateway refused the verification message: ACCESS_TOKEN_INVALID.');
    expect(text()).toContain('ACCESS_TOKEN_INVALID');
    expectNoSecrets(`${error.message} ${error.stack} ${text()}`);
  });

  it('does not echo an error that is not a plain error code (it could carry the number)', async () => {
    const gateway = await gatewayStub(json(400, { ok: false, error: `cannot deliver to ${PHONE}` }));
    const { log, text } = capturedLog();
    const sender = new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: gateway.baseUrl, log });

    const error = await failureOf(sender.send(PHONE, '123456', { ttlSeconds: 300 }));

    expect(error).toMatchObject({ reason: 'rejected', gatewayError: 'UNKNOWN' });
    expectNoSecrets(`${error.message} ${text()}`);
  });

  it('maps an HTTP error without a Gateway answer, and a success without a request id', async () => {
    const outage = await gatewayStub({ status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    const empty = await gatewayStub(json(200, { ok: true, result: {} }));
    const log = capturedLog().log;

    const outageError = await failureOf(
      new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: outage.baseUrl, log }).send(PHONE, '123456', { ttlSeconds: 300 }),
    );
    const emptyError = await failureOf(
      new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: empty.baseUrl, log }).send(PHONE, '123456', { ttlSeconds: 300 }),
    );

    expect(outageError).toMatchObject({ reason: 'http_status', message: 'Telegram Gateway answered HTTP 502.' });
    expect(emptyError.reason).toBe('malformed_response');
  });

  it('gives up after its timeout when the Gateway does not answer', async () => {
    const gateway = await gatewayStub('never');
    const { log, text } = capturedLog();
    const sender = new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: gateway.baseUrl, timeoutMs: 200, log });

    const started = Date.now();
    const error = await failureOf(sender.send(PHONE, '123456', { ttlSeconds: 300 }));

    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('Telegram Gateway did not answer within 200 ms.');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(gateway.received).toHaveLength(1);
    expectNoSecrets(`${error.message} ${text()}`);
  });

  it('reports an unreachable Gateway as a network failure', async () => {
    const gateway = await gatewayStub(json(200, {}));
    const closed = servers.pop()!;
    closed.closeAllConnections();
    await new Promise((resolve) => closed.close(resolve));
    const sender = new TelegramGatewayOtpSender({ token: TOKEN, baseUrl: gateway.baseUrl, log: capturedLog().log });

    const error = await failureOf(sender.send(PHONE, '123456', { ttlSeconds: 300 }));

    expect(error.reason).toBe('network');
    expect(error.message).toBe('Telegram Gateway could not be reached (ECONNREFUSED).');
  });
});

describe('DevelopmentOtpSender', () => {
  it('logs the code with only the last two digits of the number', async () => {
    const { log, text } = capturedLog();
    const sender = new DevelopmentOtpSender(log, 'development');

    const result = await sender.send(PHONE, '987654', { ttlSeconds: 300 });

    expect(sender.delivery).toBe('DEVELOPMENT_LOG');
    expect(result).toEqual({});
    const entry = JSON.parse(text()) as Record<string, unknown>;
    expect(entry).toMatchObject({ code: '987654', phoneMasked: '…89', ttlSeconds: 300 });
    // No run of three digits of the number anywhere (the code 987654 shares none).
    for (let i = 0; i + 3 <= NATIONAL.length; i += 1) expect(text()).not.toContain(NATIONAL.slice(i, i + 3));
  });

  it('refuses production, whether told so or found in the process environment', () => {
    const { log } = capturedLog();
    expect(() => new DevelopmentOtpSender(log, 'production')).toThrow(/production/);
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => new DevelopmentOtpSender(log, 'development')).toThrow(/production/);
  });
});

describe('createOtpSender', () => {
  const log = capturedLog().log;

  it('uses the Gateway when a token is configured', () => {
    const sender = createOtpSender(loadEnv({ NODE_ENV: 'development', TELEGRAM_GATEWAY_TOKEN: TOKEN }), log);
    expect(sender).toBeInstanceOf(TelegramGatewayOtpSender);
  });

  it('falls back to the development sender outside production', () => {
    expect(createOtpSender(loadEnv({ NODE_ENV: 'development' }), log)).toBeInstanceOf(DevelopmentOtpSender);
    expect(createOtpSender(loadEnv({ NODE_ENV: 'test' }), log)).toBeInstanceOf(DevelopmentOtpSender);
  });

  it('stops a production start without a Gateway token', () => {
    const env = loadEnv({ NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: '123456789:TEST-token-for-zapis-tests_0123456789' });
    expect(() => createOtpSender(env, log)).toThrow(/TELEGRAM_GATEWAY_TOKEN: required when NODE_ENV=production/);
    const withToken = loadEnv({
      NODE_ENV: 'production',
      TELEGRAM_BOT_TOKEN: '123456789:TEST-token-for-zapis-tests_0123456789',
      TELEGRAM_GATEWAY_TOKEN: TOKEN,
    });
    expect(createOtpSender(withToken, log)).toBeInstanceOf(TelegramGatewayOtpSender);
  });
});
