import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { telegramUser, testPrisma } from '../../test/app.js';
import { createMaster, rowsOfTelegramUser } from '../../test/factories.js';
import { phoneFromContact, verifyPhoneFromContact } from './contact.js';

const prisma = testPrisma();
const NOW = new Date('2035-04-01T12:00:00.000Z');

/** A Russian mobile number, as digits after +7. */
const uniqueNational = () => `916${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

function snapshotOf(masterId: string) {
  return prisma.master.findUniqueOrThrow({ where: { id: masterId }, include: { onboardingSteps: true } });
}

describe('verifyPhoneFromContact', () => {
  it("verifies the sender's phone from their own contact: number, method, PHONE step, activity", async () => {
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const national = uniqueNational();

    // Telegram sends the account's own number in international form without "+".
    const result = await verifyPhoneFromContact(prisma, {
      senderId: user.id,
      contact: { phone_number: `7${national}`, user_id: user.id },
      now: NOW,
    });

    expect(result).toEqual({ status: 'verified', masterId: master.id, phone: `+7${national}` });
    const after = await snapshotOf(master.id);
    expect(after).toMatchObject({
      phone: `+7${national}`,
      phoneVerifiedAt: NOW,
      phoneVerificationMethod: 'TELEGRAM_CONTACT',
      lastActivityAt: NOW,
    });
    expect(after.onboardingSteps.map((row) => row.step)).toEqual(['PHONE']);
  });

  it.each([
    ['a contact of someone else', (senderId: number) => senderId + 1],
    ['a contact without a Telegram user id', () => undefined],
  ])('writes nothing for %s', async (_name, contactUserId) => {
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const before = await snapshotOf(master.id);

    const result = await verifyPhoneFromContact(prisma, {
      senderId: user.id,
      contact: { phone_number: `+7${uniqueNational()}`, user_id: contactUserId(user.id) },
      now: NOW,
    });

    expect(result).toEqual({ status: 'not_own_contact' });
    expect(await snapshotOf(master.id)).toEqual(before);
  });

  it('writes nothing for a sender without a master profile, or with an archived one', async () => {
    const stranger = telegramUser();
    const archived = await createMaster({ status: 'ARCHIVED' });
    const archivedBefore = await snapshotOf(archived.master.id);

    const strangerResult = await verifyPhoneFromContact(prisma, {
      senderId: stranger.id,
      contact: { phone_number: `7${uniqueNational()}`, user_id: stranger.id },
      now: NOW,
    });
    const archivedResult = await verifyPhoneFromContact(prisma, {
      senderId: archived.user.id,
      contact: { phone_number: `7${uniqueNational()}`, user_id: archived.user.id },
      now: NOW,
    });

    expect(strangerResult).toEqual({ status: 'no_master' });
    expect(archivedResult).toEqual({ status: 'no_master' });
    expect(await rowsOfTelegramUser(stranger.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
    expect(await snapshotOf(archived.master.id)).toEqual(archivedBefore);
  });

  it('understands Russian local notation', async () => {
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const national = uniqueNational();
    const local = `8 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`;

    const result = await verifyPhoneFromContact(prisma, { senderId: BigInt(user.id), contact: { phone_number: local, user_id: user.id } });

    expect(result).toMatchObject({ status: 'verified', phone: `+7${national}` });
    expect((await snapshotOf(master.id)).phone).toBe(`+7${national}`);
  });

  it('refuses a number that is not one, writing nothing', async () => {
    const { master, user } = await createMaster({ status: 'DRAFT' });
    const before = await snapshotOf(master.id);

    const result = await verifyPhoneFromContact(prisma, { senderId: user.id, contact: { phone_number: '12345', user_id: user.id } });

    expect(result).toEqual({ status: 'invalid_phone' });
    expect(await snapshotOf(master.id)).toEqual(before);
  });
});

describe('phoneFromContact', () => {
  it.each([
    ['79161234567', '+79161234567'],
    ['+79161234567', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['8 (916) 123-45-67', '+79161234567'],
    ['380501234567', '+380501234567'],
    ['+44 7911 123456', '+447911123456'],
    ['12345', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(phoneFromContact(input)).toBe(expected);
  });
});
