import { encodeGlobalID } from '@pothos/plugin-relay';
import { type BenchContext, graphql, type Operation, raw } from '../harness.js';

const DAY_MS = 86_400_000;

const SLOTS = `
  query AvailableSlots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!) {
    availableSlots(masterId: $masterId, masterServiceId: $masterServiceId, from: $from, to: $to) { startsAt localStart localDate }
  }`;

interface Slot {
  startsAt: string;
  localStart: string;
  localDate: string;
}

/** availableSlots over 14 days from the next hour, anonymous, for offers of masters spread over every city. */
export async function slotsOperation(context: BenchContext): Promise<Operation> {
  const { rows: offers } = await context.db.query<{ id: string; master_id: string }>(
    `SELECT o.id, o.master_id FROM master_services o JOIN masters m ON m.id = o.master_id
     WHERE m.status = 'ACTIVE' AND m.is_active AND o.is_active ORDER BY md5(o.id::text) LIMIT 500`,
  );
  const from = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const to = new Date(from.getTime() + 14 * DAY_MS);
  const offer = (i: number) => offers[i % offers.length]!;
  return {
    name: 'availableSlots',
    concurrencies: [1, 16],
    same: true,
    async api(i) {
      const data = await graphql<{ availableSlots: Slot[] }>(context, SLOTS, {
        masterId: encodeGlobalID('Master', offer(i).master_id),
        masterServiceId: encodeGlobalID('MasterService', offer(i).id),
        from: from.toISOString(),
        to: to.toISOString(),
      });
      return data.availableSlots.map((slot) => ({ ...slot, startsAt: new Date(slot.startsAt).toISOString() }));
    },
    // The baseline answers the same fields (raw-server.ts), compared whole.
    raw: (i) => raw<Slot[]>(context, '/slots', { masterServiceId: offer(i).id, from, to }),
  };
}
