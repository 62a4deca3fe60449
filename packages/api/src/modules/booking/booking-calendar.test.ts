import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, telegramUser } from '../../../test/app.js';
import { createCity, createMaster, createMasterService, createSchedule, createSlotSettings } from '../../../test/factories.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';

const app = createTestApp();

const ZONE = 'Asia/Tbilisi';
const CREATE = 'mutation($input: CreateBookingInput!) { createBooking(input: $input) { id calendarPath masterServiceId } }';
const CANCEL = 'mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { id } }';
const MOVE = 'mutation($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { id } }';

const TBILISI = { timeZone: ZONE, currency: 'GEL', countryCode: 'GE', nameRu: 'Тбилиси', nameEn: 'Tbilisi' };

async function booked(where: { timeZone: string; currency: string; countryCode: string; nameRu: string; nameEn: string } = TBILISI) {
  const city = await createCity(where);
  const { master, user: masterUser } = await createMaster({ city, displayName: 'Нино — маникюр', address: 'пр. Руставели, 12' });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, endMinute: 780 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { name: 'Маникюр с покрытием', durationMinutes: 90 });
  const startsAt = zonedToUtc(addDays(localDateOf(new Date(), where.timeZone), 2), 600, where.timeZone);
  const client = telegramUser();
  const response = await graphql<{ createBooking: { id: string; calendarPath: string; masterServiceId: string | null } }>(app, CREATE, {
    as: client,
    variables: {
      input: {
        masterServiceId: encodeGlobalID('MasterService', offer.id),
        startsAt: startsAt.toISOString(),
        clientName: 'Анна',
        clientPhone: '+79123456789',
        preferredChannels: ['TELEGRAM'],
        idempotencyKey: randomUUID(),
      },
    },
  });
  expect(response.errors).toBeUndefined();
  // The booking names the very service it was booked for, so the app can book it again or move it.
  expect(response.data!.createBooking.masterServiceId).toBe(encodeGlobalID('MasterService', offer.id));
  return { ...response.data!.createBooking, startsAt, client, masterUser };
}

const fetchPath = (path: string) => app.fetch(`http://localhost${path}`);

function eventOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

describe('a booking in the phone’s calendar', () => {
  it('is a real iCalendar event at the booking’s instants, named as the client saw it, with the full address', async () => {
    const booking = await booked();
    const response = await fetchPath(booking.calendarPath);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const event = eventOf(await response.text());
    expect(event.startDate.toJSDate()).toEqual(booking.startsAt);
    expect(event.endDate.toJSDate()).toEqual(new Date(booking.startsAt.getTime() + 90 * 60_000));
    expect(event.summary).toBe('Маникюр с покрытием — Нино — маникюр');
    expect(event.location).toBe('пр. Руставели, 12, Тбилиси');
    expect(event.description).toContain('10:00 (Asia/Tbilisi)');
    expect(event.uid).toMatch(/@zapis$/);

    const english = eventOf(await (await fetchPath(`${booking.calendarPath}&lang=en`)).text());
    expect(english.location).toBe('пр. Руставели, 12, Tbilisi');
  });

  it('follows a booking its master moved across a daylight-saving change: the new instants, the local time as the client sees it', async () => {
    const berlin = 'Europe/Berlin';
    const booking = await booked({ timeZone: berlin, currency: 'EUR', countryCode: 'DE', nameRu: 'Берлин', nameEn: 'Berlin' });
    // The first day after Berlin's next change of offset (at most a year away).
    const offsetOn = (day: string) => zonedToUtc(day, 600, berlin).getTime() - Date.parse(`${day}T10:00:00Z`);
    let day = localDateOf(booking.startsAt, berlin);
    const before = offsetOn(day);
    for (let n = 0; n < 366 && offsetOn(day) === before; n++) day = addDays(day, 1);
    expect(offsetOn(day)).not.toBe(before);
    const movedTo = zonedToUtc(day, 600, berlin);
    const moved = await graphql(app, MOVE, {
      as: booking.masterUser,
      variables: { input: { bookingId: booking.id, startsAt: movedTo.toISOString(), idempotencyKey: randomUUID() } },
    });
    expect(moved.errors).toBeUndefined();

    const event = eventOf(await (await fetchPath(booking.calendarPath)).text());
    expect(event.startDate.toJSDate()).toEqual(movedTo);
    expect(event.endDate.toJSDate()).toEqual(new Date(movedTo.getTime() + 90 * 60_000));
    // Ten o'clock on the master's clock, on either side of the change.
    expect(event.description).toContain('10:00 (Europe/Berlin)');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('says when the booking was cancelled', async () => {
    const booking = await booked();
    await graphql(app, CANCEL, { as: booking.client, variables: { input: { bookingId: booking.id } } });
    const event = eventOf(await (await fetchPath(booking.calendarPath)).text());
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('answers 404 without the token, with another booking’s token, and for no such booking', async () => {
    const booking = await booked();
    const other = await booked();
    const [path, token] = booking.calendarPath.split('?token=') as [string, string];
    const otherToken = other.calendarPath.split('?token=')[1]!;
    for (const attempt of [
      path,
      `${path}?token=${otherToken}`,
      `${path}?token=${token.slice(0, -1)}x`,
      `/calendar/${randomUUID()}.ics?token=${token}`,
    ]) {
      expect((await fetchPath(attempt)).status, attempt).toBe(404);
    }
  });
});
