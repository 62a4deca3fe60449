import { HttpError, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { createLogger } from '../src/logger.js';
import { createTelegramBot, type TelegramBotOptions } from '../src/telegram/bot/bot.js';
import { TEST_BOT_TOKEN, testPrisma } from './app.js';

/** The bot's own account as getMe would answer: no getMe call is made. */
export const TEST_BOT_INFO: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: 'Zapis',
  username: 'zapis_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: true,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export const TEST_WEBAPP_URL = 'https://zapis.example/app';

export interface ApiCall {
  method: string;
  /** As sent to Telegram: the JSON body, without fields left undefined. */
  payload: Record<string, unknown>;
}

/** Each call's place among every recorder's calls in this process: orders what several workers sent. */
const sequenceOf = new WeakMap<ApiCall, number>();
let callsSoFar = 0;

/** Orders calls recorded by several recorders (workers) as they were made. */
export const inCallOrder = (a: ApiCall, b: ApiCall): number => (sequenceOf.get(a) ?? 0) - (sequenceOf.get(b) ?? 0);

type Failure = 'network' | { error_code: number; description: string };

interface PlannedFailure {
  method: string;
  failure: Failure;
  /** Only calls to this chat fail; any chat when absent. */
  chatId?: number;
  times: number;
}

/**
 * Stands in for the Bot API: records every call the bot makes (method and payload) and
 * answers as Telegram would, or fails the next calls of a method as told. Nothing leaves
 * the machine.
 */
export class TelegramRecorder {
  readonly calls: ApiCall[] = [];
  private readonly failures: PlannedFailure[] = [];
  private messageId = 1000;

  /** The next `times` calls of `method` (to `chatId`, if given) fail: unreachable Telegram, or Telegram's error answer. */
  fail(method: string, failure: Failure, { times = 1, chatId }: { times?: number; chatId?: number } = {}): void {
    this.failures.push({ method, failure, chatId, times });
  }

  private plannedFailure(method: string, payload: Record<string, unknown>): Failure | undefined {
    const planned = this.failures.find(
      (candidate) =>
        candidate.method === method && candidate.times > 0 && (candidate.chatId === undefined || candidate.chatId === payload.chat_id),
    );
    if (!planned) return undefined;
    planned.times -= 1;
    return planned.failure;
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  readonly transport: Transformer = async (_prev, method, payload) => {
    const body = JSON.parse(JSON.stringify(payload ?? {})) as Record<string, unknown>;
    const call: ApiCall = { method, payload: body };
    sequenceOf.set(call, ++callsSoFar);
    this.calls.push(call);
    const failure = this.plannedFailure(method, body);
    if (failure === 'network') throw new HttpError(`Network request for '${method}' failed!`, new Error('ECONNREFUSED'));
    if (failure) return { ok: false, ...failure } as never;
    // Long polling: Telegram holds getUpdates open while there is nothing new.
    if (method === 'getUpdates') await new Promise((resolve) => setTimeout(resolve, 100));
    return { ok: true, result: this.resultOf(method, body) } as never;
  };

  private resultOf(method: string, payload: Record<string, unknown>): unknown {
    if (method === 'sendMessage' || method === 'editMessageText') {
      return {
        message_id: method === 'sendMessage' ? ++this.messageId : payload.message_id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: payload.chat_id, type: 'private', first_name: 'Test' },
        text: payload.text,
      };
    }
    if (method === 'getUpdates') return [];
    return true;
  }
}

/** The real bot against the test database, talking to a recorder instead of Telegram. */
export function createRecordedBot(overrides: Partial<TelegramBotOptions> = {}) {
  const telegram = new TelegramRecorder();
  const log: Logger = createLogger('silent');
  const bot = createTelegramBot({
    token: TEST_BOT_TOKEN,
    prisma: testPrisma(),
    webappUrl: TEST_WEBAPP_URL,
    log,
    botInfo: TEST_BOT_INFO,
    transport: telegram.transport,
    ...overrides,
  });
  return { bot, telegram };
}

let updateId = 1;

interface From {
  id: number;
  first_name?: string;
  language_code?: string;
}

function user(from: From) {
  return { id: from.id, is_bot: false, first_name: from.first_name ?? 'Тест', language_code: from.language_code };
}

/** A private message as Telegram delivers it; a leading /command gets its entity. */
export function messageUpdate(
  from: From,
  content: { text: string } | { contact: { phone_number: string; first_name: string; user_id?: number } },
): Update {
  const command = 'text' in content ? /^\/\w+/.exec(content.text)?.[0] : undefined;
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private', first_name: from.first_name ?? 'Тест' },
      from: user(from),
      ...content,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  } as Update;
}

/** A press on an inline button of a message the bot sent to `chatId`. */
export function callbackUpdate(from: From, data: string, message: { chatId: number; messageId: number; text: string }): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: user(from),
      chat_instance: '1',
      data,
      message: {
        message_id: message.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: message.chatId, type: 'private', first_name: 'Тест' },
        from: { id: TEST_BOT_INFO.id, is_bot: true, first_name: TEST_BOT_INFO.first_name },
        text: message.text,
      },
    },
  } as Update;
}
