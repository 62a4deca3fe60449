import { builder } from '../../builder.js';
import { calendarArgsSchema, MAX_RANGE_DAYS } from './calendar.inputs.js';
import { calendarTimeZone } from './calendar.service.js';
import { MasterCalendarRef } from './calendar.types.js';

builder.queryField('masterCalendar', (t) =>
  t.withAuth({ $all: { master: true, activeMaster: true } }).field({
    type: MasterCalendarRef,
    description:
      `The caller's bookings and blocked time overlapping [from, to) (at most ${MAX_RANGE_DAYS} days), ` +
      "with times also shown in the master's time zone. Active masters only.",
    args: {
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      includeCancelled: t.arg.boolean({
        required: false,
        defaultValue: true,
        description: 'Cancelled bookings are listed (with who cancelled and why) unless this is false.',
      }),
    },
    validate: calendarArgsSchema,
    resolve: async (_root, args, context) => {
      const masterId = context.master.id;
      return {
        masterId,
        timeZone: await calendarTimeZone(context.prisma, masterId),
        from: args.from,
        to: args.to,
        includeCancelled: args.includeCancelled ?? true,
      };
    },
  }),
);
