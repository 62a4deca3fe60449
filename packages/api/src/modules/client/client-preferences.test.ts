import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, telegramUser, testPrisma } from '../../../test/app.js';

const app = createTestApp();
const prisma = testPrisma();

const UPSERT = 'mutation { upsertClient { id } }';
const PREFERENCES = `mutation($input: UpdateClientPreferencesInput!) {
  updateClientPreferences(input: $input) { language notifications { bookingUpdates reminders waitlistOffers reviewRequests } }
}`;
const ERASE = 'mutation { eraseMyData }';

const rowOf = (user: { id: number }) => prisma.client.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } });

describe('updateClientPreferences', () => {
  it('turns kinds of bot messages off and on, and chooses a language, leaving what is not given as it is', async () => {
    const user = telegramUser();
    await graphql(app, UPSERT, { as: user });

    const off = await graphql<{ updateClientPreferences: Record<string, unknown> }>(app, PREFERENCES, {
      as: user,
      variables: { input: { notifications: { reminders: false, reviewRequests: false }, language: 'EN' } },
    });
    expect(off.data?.updateClientPreferences).toEqual({
      language: 'EN',
      notifications: { bookingUpdates: true, reminders: false, waitlistOffers: true, reviewRequests: false },
    });
    expect(await rowOf(user)).toMatchObject({ notifyReminders: false, notifyReviewRequests: false, languageOverride: 'en' });

    const partly = await graphql<{ updateClientPreferences: Record<string, unknown> }>(app, PREFERENCES, {
      as: user,
      variables: { input: { notifications: { reminders: true } } },
    });
    expect(partly.data?.updateClientPreferences).toMatchObject({
      language: 'EN',
      notifications: { reminders: true, reviewRequests: false },
    });

    const telegramsLanguage = await graphql(app, PREFERENCES, { as: user, variables: { input: { language: null } } });
    expect(telegramsLanguage.errors).toBeUndefined();
    expect(await rowOf(user)).toMatchObject({ languageOverride: null, notifyReminders: true, notifyReviewRequests: false });
  });

  it('refuses a language it does not offer and callers without a client profile, changing nothing', async () => {
    const user = telegramUser();
    await graphql(app, UPSERT, { as: user });
    const bad = await graphql(app, PREFERENCES, { as: user, variables: { input: { language: 'DE' } } });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.message).toMatch(/Locale/);
    const stranger = await graphql(app, PREFERENCES, { as: telegramUser(), variables: { input: { notifications: { reminders: false } } } });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rowOf(user)).toMatchObject({ notifyReminders: true, languageOverride: null });
  });

  it('forgets the choices with the rest of the data when the client erases it', async () => {
    const user = telegramUser();
    await graphql(app, UPSERT, { as: user });
    await graphql(app, PREFERENCES, { as: user, variables: { input: { notifications: { bookingUpdates: false }, language: 'EN' } } });
    await graphql(app, ERASE, { as: user });
    expect(await rowOf(user)).toMatchObject({ notifyBookingUpdates: true, languageOverride: null, erasedAt: expect.any(Date) });
  });
});
