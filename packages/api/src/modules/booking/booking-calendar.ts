import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import ical, { ICalEventStatus } from 'ical-generator';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { formatLocalDateTime } from '../../time/zoned-time.js';

/**
 * "Add to calendar": an iCalendar file of one booking, for the client's phone. Telegram's
 * `downloadFile` and a phone's calendar fetch it without the app's identity, so the link carries
 * its own proof instead: an HMAC of the booking id under a key derived from OTP_SECRET (one
 * secret to keep, a key of its own for this use). The link gives only this booking's time,
 * service, master and address — what the client was shown when they booked.
 */

export const CALENDAR_PATH_PREFIX = '/calendar/';
const PATH = /^\/calendar\/([0-9a-f-]{36})\.ics$/;

function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('zapis booking calendar links').digest();
}

function linkToken(secret: string, bookingId: string): string {
  return createHmac('sha256', linkKey(secret)).update(bookingId).digest('base64url').slice(0, 32);
}

/** The path of a booking's .ics (the app makes it absolute with its own origin). */
export function bookingCalendarPath(secret: string, bookingId: string): string {
  return `${CALENDAR_PATH_PREFIX}${bookingId}.ics?token=${linkToken(secret, bookingId)}`;
}

function validToken(secret: string, bookingId: string, token: string | null): boolean {
  const expected = Buffer.from(linkToken(secret, bookingId));
  const given = Buffer.from(token ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The calendar file of a booking: one event at its UTC times, named as the client saw it. */
export async function bookingIcs(prisma: PrismaClient, bookingId: string, language: 'ru' | 'en'): Promise<string | null> {
  const booking = await prisma.booking.findUnique({
    where: { id: bookingId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      updatedAt: true,
      masterService: { select: { name: true } },
      service: { select: { nameRu: true, nameEn: true } },
      master: { select: { displayName: true, address: true, timeZone: true, city: { select: { nameRu: true, nameEn: true } } } },
    },
  });
  if (!booking) return null;
  const { master } = booking;
  const service = booking.masterService?.name ?? (language === 'en' ? booking.service?.nameEn : booking.service?.nameRu);
  const city = master.city && (language === 'en' ? master.city.nameEn : master.city.nameRu);
  const zone = master.timeZone ?? 'UTC';
  const localTime = formatLocalDateTime(booking.startsAt, zone, language);
  const calendar = ical({ prodId: { company: 'Zapis', product: 'Zapis', language: language.toUpperCase() }, name: 'Zapis' });
  calendar.createEvent({
    id: `${booking.id}@zapis`,
    start: booking.startsAt,
    end: booking.endsAt,
    stamp: booking.updatedAt,
    summary: [service, master.displayName].filter(Boolean).join(' — '),
    location: [master.address, city].filter(Boolean).join(', ') || null,
    description: language === 'en' ? `${localTime} (${zone}), booked with Zapis.` : `${localTime} (${zone}), запись через Zapis.`,
    status: booking.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

export interface BookingCalendarRouteOptions {
  prisma: PrismaClient;
  /** OTP_SECRET: the links' key is derived from it. */
  secret: string;
}

/** `GET /calendar/<booking id>.ics?token=…[&lang=en]`: the booking's calendar file; 404 for a wrong token, as for no booking. */
export function useBookingCalendarRoute(options: BookingCalendarRouteOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const bookingId = PATH.exec(url.pathname)?.[1];
      if (!url.pathname.startsWith(CALENDAR_PATH_PREFIX)) return;
      const notFound = () => endResponse(new Response(null, { status: 404, headers: { 'cache-control': 'no-store' } }));
      if (request.method !== 'GET' || !bookingId || !validToken(options.secret, bookingId, url.searchParams.get('token'))) {
        return notFound();
      }
      const language = url.searchParams.get('lang') === 'en' ? 'en' : 'ru';
      const body = await bookingIcs(options.prisma, bookingId, language);
      if (!body) return notFound();
      endResponse(
        new Response(body, {
          headers: {
            'content-type': 'text/calendar; charset=utf-8',
            'content-disposition': 'attachment; filename="zapis-booking.ics"',
            'cache-control': 'private, no-store',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
  };
}
