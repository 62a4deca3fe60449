import { CombinedError } from '@urql/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSharedTexts } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { photoProblem } from './photoUpload.ts';

const refused = (reason: string) =>
  new CombinedError({ graphQLErrors: [{ message: 'Refused.', extensions: { code: 'BAD_USER_INPUT', reason } }] });

describe('photoProblem', () => {
  beforeAll(async () => {
    await Promise.all([loadSharedTexts('ru'), tm.load('ru')]);
  });

  it('says every reason the API refuses a photo for in plain words', () => {
    const reasons = [
      'FILE_TOO_LARGE',
      'NOT_AN_IMAGE',
      'UNSUPPORTED_FORMAT',
      'TOO_MANY_PIXELS',
      'CORRUPT_IMAGE',
      'PORTFOLIO_FULL',
      'NOT_THE_PORTFOLIO',
    ];
    const messages = reasons.map((reason) => photoProblem(refused(reason)));
    expect(messages).toEqual(reasons.map((reason) => tm().photos.refusals[reason]));
    expect(new Set(messages).size).toBe(reasons.length);
    expect(photoProblem(refused('NOT_AN_IMAGE'))).toBe('Это не фотография. Выберите снимок в формате JPEG, PNG или WebP.');
  });

  it('reads a 413 without the API’s answer (a proxy refused the body) as a file too large', () => {
    const error = new CombinedError({ networkError: new Error('Payload Too Large'), response: { status: 413 } });
    expect(photoProblem(error)).toBe('Файл слишком большой — выберите фото поменьше.');
  });

  it('falls back to what the error code says for anything else', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') });
    expect(photoProblem(error)).toBe('Нет связи с сервером. Проверьте интернет и попробуйте снова.');
  });
});
