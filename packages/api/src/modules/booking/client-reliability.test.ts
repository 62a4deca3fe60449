import { encodeGlobalID } from '@pothos/plugin-relay';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createBooking, createClient, createClientBooking, createMaster, createMasterService } from '../../../test/factories.js';
import { type Booking, PrismaClient } from '../../generated/prisma/client.js';

/**
 * What a master sees of a client's record on each booking: counted from that client's earlier
 * bookings with this master only, for a whole calendar page in a fixed number of statements,
 * and to nobody but the booking's master.
 */

const app = createTestApp();
const prisma = testPrisma();
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const CALENDAR = /* GraphQL */ `
  query Calendar($from: DateTime!, $to: DateTime!) {
    masterCalendar(from: $from, to: $to, includeCancelled: false) {
      bookings { id clientName clientReliability { visitsKept lateCancellations noShows released } }
    }
  }
`;

interface Reliability {
  visitsKept: number;
  lateCancellations: number;
  noShows: number;
  released: number;
}
interface CalendarData {
  masterCalendar: { bookings: { id: string; clientName: string; clientReliability: Reliability | null }[] };
}

/** The same counts, read off the rows in TypeScript: the definition the SQL must agree with. */
function recompute(booking: Booking, all: Booking[]): Reliability | null {
  if (!booking.clientId) return null;
  const earlier = all.filter(
    (other) =>
      other.id !== booking.id &&
      other.clientId === booking.clientId &&
      other.masterId === booking.masterId &&
      other.startsAt < booking.startsAt,
  );
  const cancelledBy = (actor: string) => earlier.filter((other) => other.status === 'CANCELLED' && other.cancelledBy === actor);
  return {
    visitsKept: earlier.filter((other) => other.status === 'COMPLETED').length,
    lateCancellations: cancelledBy('CLIENT').filter((other) => other.cancelledAt!.getTime() >= other.startsAt.getTime() - DAY).length,
    noShows: earlier.filter((other) => other.status === 'NO_SHOW').length,
    released: cancelledBy('SYSTEM').length,
  };
}

/** A master, a client with a history with them and with another master, and upcoming bookings in the calendar. */
async function history() {
  const { master, user: masterUser } = await createMaster();
  const other = await createMaster();
  const { client, user: clientUser } = await createClient({ preferredChannels: ['TELEGRAM'] });
  const { client: newcomer } = await createClient();
  const now = Date.now();
  const past = (days: number) => new Date(now - days * DAY);
  const visit = (options: Partial<Parameters<typeof createClientBooking>[0]> & { startsAt: Date }) =>
    createClientBooking({ clientId: client.id, masterId: master.id, ...options });

  await visit({ startsAt: past(40), status: 'COMPLETED' });
  await visit({ startsAt: past(30), status: 'COMPLETED' });
  await visit({ startsAt: past(20), status: 'NO_SHOW' });
  // Cancelled by the client 2 hours before (late), 3 days before (in time), by the master late (not the client's doing).
  await visit({ startsAt: past(15), status: 'CANCELLED', cancelledBy: 'CLIENT', cancelledAt: new Date(past(15).getTime() - 2 * HOUR) });
  await visit({ startsAt: past(12), status: 'CANCELLED', cancelledBy: 'CLIENT', cancelledAt: new Date(past(12).getTime() - 3 * DAY) });
  await visit({ startsAt: past(11), status: 'CANCELLED', cancelledBy: 'MASTER', cancelledAt: new Date(past(11).getTime() - HOUR) });
  await visit({ startsAt: past(10), status: 'CANCELLED', cancelledBy: 'SYSTEM', cancelledAt: new Date(past(10).getTime() - 3 * HOUR) });
  // Exactly 24 hours before: late.
  await visit({ startsAt: past(9), status: 'CANCELLED', cancelledBy: 'CLIENT', cancelledAt: new Date(past(9).getTime() - DAY) });
  // With another master: never counted here.
  for (const [n, status] of (['COMPLETED', 'NO_SHOW', 'NO_SHOW'] as const).entries()) {
    await createClientBooking({ clientId: client.id, masterId: other.master.id, startsAt: past(5 + n), status });
  }

  const upcoming = [
    await visit({ startsAt: new Date(now + 2 * DAY), clientName: 'Анна' }),
    await visit({ startsAt: new Date(now + 4 * DAY), clientName: 'Анна снова' }),
    await createClientBooking({ clientId: newcomer.id, masterId: master.id, startsAt: new Date(now + 3 * DAY), clientName: 'Новичок' }),
    await createBooking({ masterId: master.id, startsAt: new Date(now + 5 * DAY), source: 'MASTER', clientName: 'Звонок' }),
  ];
  return {
    master,
    masterUser,
    clientUser,
    client,
    upcoming,
    range: { from: new Date(now).toISOString(), to: new Date(now + 10 * DAY).toISOString() },
  };
}

describe("a client's record with the master", () => {
  it('counts kept visits, late cancellations, no-shows and releases with this master only, as a recomputation does', async () => {
    const h = await history();
    const response = await graphql<CalendarData>(app, CALENDAR, { as: h.masterUser, variables: h.range });
    expect(response.errors).toBeUndefined();

    const all = await prisma.booking.findMany({ where: { masterId: h.master.id } });
    const got = response.data!.masterCalendar.bookings;
    expect(got.map((booking) => booking.clientName)).toEqual(['Анна', 'Новичок', 'Анна снова', 'Звонок']);
    for (const booking of got) {
      const row = all.find((candidate) => encodeGlobalID('Booking', candidate.id) === booking.id)!;
      expect(booking.clientReliability).toEqual(recompute(row, all));
    }
    expect(got[0]!.clientReliability).toEqual({ visitsKept: 2, lateCancellations: 2, noShows: 1, released: 1 });
    expect(got[1]!.clientReliability).toEqual({ visitsKept: 0, lateCancellations: 0, noShows: 0, released: 0 });
    expect(got[3]!.clientReliability).toBeNull();
  });

  it("is shown to the booking's master only, never to its client", async () => {
    const h = await history();
    const cancel = (as: typeof h.clientUser, bookingId: string) =>
      graphql<{ cancelBooking: { clientReliability: Reliability | null } }>(
        app,
        'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { clientReliability { visitsKept } } }',
        { as, variables: { input: { bookingId: encodeGlobalID('Booking', bookingId) } } },
      );
    const asClient = await cancel(h.clientUser, h.upcoming[1]!.id);
    expect(asClient.errors).toBeUndefined();
    expect(asClient.data?.cancelBooking.clientReliability).toBeNull();
    const asMaster = await cancel(h.masterUser, h.upcoming[0]!.id);
    expect(asMaster.data?.cancelBooking.clientReliability).toEqual({ visitsKept: 2 });
  });

  describe('on a calendar page', () => {
    // A client of its own that reports every SQL statement it sends.
    const counted = new PrismaClient({
      adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 4 }),
      log: [{ emit: 'event', level: 'query' }],
    });
    let statements = 0;
    counted.$on('query', () => {
      statements++;
    });
    const countedApp = createTestApp({ prisma: counted });
    afterAll(() => counted.$disconnect());

    it('costs the same number of statements for 2 bookings as for 12', async () => {
      const statementsFor = async (bookings: number) => {
        const { master, user } = await createMaster();
        await createMasterService(master.id);
        const start = Date.now() + DAY;
        for (let n = 0; n < bookings; n++) {
          const { client } = await createClient();
          await createClientBooking({
            clientId: client.id,
            masterId: master.id,
            startsAt: new Date(start - 30 * DAY + n * HOUR),
            status: 'NO_SHOW',
          });
          await createClientBooking({ clientId: client.id, masterId: master.id, startsAt: new Date(start + n * 2 * HOUR) });
        }
        const from = new Date(start - HOUR).toISOString();
        const to = new Date(start + 30 * HOUR).toISOString();
        statements = 0;
        const response = await graphql<CalendarData>(countedApp, CALENDAR, { as: user, variables: { from, to } });
        expect(response.errors).toBeUndefined();
        expect(response.data?.masterCalendar.bookings).toHaveLength(bookings);
        expect(response.data?.masterCalendar.bookings.every((booking) => booking.clientReliability?.noShows === 1)).toBe(true);
        return statements;
      };
      const small = await statementsFor(2);
      const large = await statementsFor(12);
      expect(small).toBeGreaterThan(0);
      expect(large).toBe(small);
    });
  });
});
