import { builder } from '../../builder.js';
import { localDateOf, toLocalIso } from '../../time/zoned-time.js';
import type { AvailableSlot } from './slots.service.js';

/** A time a client may book one service of a master at. */
export const AvailableSlotRef = builder.objectRef<AvailableSlot>('AvailableSlot').implement({
  description: 'A free start time for one service of a master.',
  fields: (t) => ({
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: "The start plus the service's duration." }),
    localStart: t.string({
      description: "Start in the master's time zone, ISO 8601 with its offset: 2030-03-31T10:00:00+02:00.",
      resolve: (slot) => toLocalIso(slot.startsAt, slot.timeZone),
    }),
    localDate: t.string({
      description: "The master's local date of the start, YYYY-MM-DD.",
      resolve: (slot) => localDateOf(slot.startsAt, slot.timeZone),
    }),
  }),
});
