import type { Logger } from 'pino';
import type { Env } from '../../env.js';
import type { OtpDelivery } from '../../generated/prisma/enums.js';

/** Delivers a one-time code to a phone number. The code itself is generated and checked by us. */
export interface OtpSender {
  /** Known before sending: the verification row records it before the code goes out. */
  readonly delivery: OtpDelivery;
  /** Resolves once the code is handed over; rejects with an {@link OtpDeliveryError}. */
  send(phone: string, code: string, options: { ttlSeconds: number }): Promise<{ deliveryRef?: string }>;
}

export type OtpDeliveryFailure = 'timeout' | 'network' | 'http_status' | 'rejected' | 'malformed_response';

/**
 * A code could not be delivered. The message names the reason (and the Gateway's error
 * code) but never the phone number or the token, so it can be logged as it is.
 */
export class OtpDeliveryError extends Error {
  constructor(
    readonly reason: OtpDeliveryFailure,
    message: string,
    readonly gatewayError?: string,
  ) {
    super(message);
    this.name = 'OtpDeliveryError';
  }
}

/** `+79123456789` → `…89`: enough to tell numbers apart in a log, not enough to call anyone. */
export function maskPhone(phone: string): string {
  return `…${phone.replace(/\D/g, '').slice(-2)}`;
}

/**
 * Writes the code to the log instead of sending it, so that the app can be tried without
 * a Gateway account. Refused in production, whatever the caller says.
 */
export class DevelopmentOtpSender implements OtpSender {
  readonly delivery = 'DEVELOPMENT_LOG';

  constructor(
    private readonly log: Logger,
    nodeEnv: string | undefined = process.env.NODE_ENV,
  ) {
    if (nodeEnv === 'production' || process.env.NODE_ENV === 'production') {
      throw new Error('The development OTP sender cannot be used in production: set TELEGRAM_GATEWAY_TOKEN.');
    }
  }

  async send(phone: string, code: string, { ttlSeconds }: { ttlSeconds: number }) {
    this.log.warn({ phoneMasked: maskPhone(phone), code, ttlSeconds }, `development OTP ${code} (not sent anywhere)`);
    return {};
  }
}

export const TELEGRAM_GATEWAY_URL = 'https://gatewayapi.telegram.org/';

export interface TelegramGatewayOptions {
  token: string;
  /** Where the Gateway API lives; tests point it at a local server. */
  baseUrl?: string;
  timeoutMs?: number;
  log: Logger;
}

/** Telegram's error codes look like ACCESS_TOKEN_INVALID; anything else is not echoed. */
const GATEWAY_ERROR = /^[A-Z0-9_]{1,64}$/;

/**
 * A client of Telegram Gateway's `sendVerificationMessage` (https://core.telegram.org/gateway/api):
 * POST {baseUrl}sendVerificationMessage with `Authorization: Bearer <token>` and a JSON body
 * `{ phone_number, code, ttl }`; the answer is `{ ok: true, result: RequestStatus }` or
 * `{ ok: false, error }`. We send our own code, so the Gateway never checks codes for us.
 */
export class TelegramGatewayOtpSender implements OtpSender {
  readonly delivery = 'TELEGRAM_GATEWAY';
  private readonly endpoint: URL;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;

  constructor({ token, baseUrl = TELEGRAM_GATEWAY_URL, timeoutMs = 10_000, log }: TelegramGatewayOptions) {
    if (!token) throw new Error('The Telegram Gateway sender needs a token.');
    this.endpoint = new URL('sendVerificationMessage', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    this.token = token;
    this.timeoutMs = timeoutMs;
    this.log = log;
  }

  async send(phone: string, code: string, { ttlSeconds }: { ttlSeconds: number }) {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ phone_number: phone, code, ttl: ttlSeconds }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.failure(transportFailure(error, this.timeoutMs));
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw this.failure(
        response.ok
          ? new OtpDeliveryError('malformed_response', 'Telegram Gateway answered with something other than JSON.')
          : new OtpDeliveryError('http_status', `Telegram Gateway answered HTTP ${response.status}.`),
      );
    }

    const answer = body as { ok?: unknown; result?: { request_id?: unknown }; error?: unknown } | null;
    if (answer?.ok === true && typeof answer.result?.request_id === 'string' && answer.result.request_id !== '') {
      this.log.info({ deliveryRef: answer.result.request_id }, 'verification code handed to Telegram Gateway');
      return { deliveryRef: answer.result.request_id };
    }
    if (answer?.ok === false) {
      const gatewayError = typeof answer.error === 'string' && GATEWAY_ERROR.test(answer.error) ? answer.error : 'UNKNOWN';
      throw this.failure(
        new OtpDeliveryError('rejected', `Telegram Gateway refused the verification message: ${gatewayError}.`, gatewayError),
      );
    }
    throw this.failure(
      response.ok
        ? new OtpDeliveryError('malformed_response', 'Telegram Gateway answered without a request id.')
        : new OtpDeliveryError('http_status', `Telegram Gateway answered HTTP ${response.status}.`),
    );
  }

  private failure(error: OtpDeliveryError): OtpDeliveryError {
    this.log.warn({ reason: error.reason, gatewayError: error.gatewayError }, error.message);
    return error;
  }
}

function transportFailure(error: unknown, timeoutMs: number): OtpDeliveryError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new OtpDeliveryError('timeout', `Telegram Gateway did not answer within ${timeoutMs} ms.`);
  }
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`; its code is safe to show.
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const detail = typeof code === 'string' && GATEWAY_ERROR.test(code) ? ` (${code})` : '';
  return new OtpDeliveryError('network', `Telegram Gateway could not be reached${detail}.`);
}

/**
 * The sender this process uses: the Gateway when a token is configured, otherwise the
 * development log sender — which production refuses, so a misconfigured production
 * server stops at start-up instead of "sending" codes nobody receives.
 */
export function createOtpSender(
  env: Pick<Env, 'TELEGRAM_GATEWAY_TOKEN' | 'TELEGRAM_GATEWAY_URL' | 'isProduction' | 'NODE_ENV'>,
  log: Logger,
): OtpSender {
  if (env.TELEGRAM_GATEWAY_TOKEN) {
    return new TelegramGatewayOtpSender({ token: env.TELEGRAM_GATEWAY_TOKEN, baseUrl: env.TELEGRAM_GATEWAY_URL, log });
  }
  if (env.isProduction) {
    throw new Error('Invalid configuration:\n  TELEGRAM_GATEWAY_TOKEN: required when NODE_ENV=production (phone verification codes)');
  }
  log.warn('TELEGRAM_GATEWAY_TOKEN is unset: phone verification codes are written to this log, not sent');
  return new DevelopmentOtpSender(log, env.NODE_ENV);
}
