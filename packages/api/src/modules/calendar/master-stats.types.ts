import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { MoneyRef } from '../catalog/money.types.js';
import { type MasterStats, type MasterStatsDay, type MasterStatsService, TOP_SERVICES } from './master-stats.service.js';

const BOOKINGS = 'Bookings not cancelled (confirmed, completed or no-show)';

/** A share, or null when there is nothing to divide by. */
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

const MasterStatsDayRef = builder.objectRef<MasterStatsDay & { currency: string }>('MasterStatsDay').implement({
  description: "One local date of the period in the master's time zone.",
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD.' }),
    bookings: t.exposeInt('bookings', { description: `${BOOKINGS} starting on the date.` }),
    completed: t.exposeInt('completed', { description: 'Completed bookings starting on the date.' }),
    revenue: t.field({
      type: MoneyRef,
      description: 'What those completed bookings cost, in the master’s currency.',
      resolve: (day) => ({ amountMinor: day.revenueMinor, currency: day.currency }),
    }),
  }),
});

const MasterStatsServiceRef = builder.objectRef<MasterStatsService & { currency: string }>('MasterStatsService').implement({
  description: 'One of the master’s services, by its bookings in the period.',
  fields: (t) => ({
    masterServiceId: t.id({ resolve: (service) => encodeGlobalID('MasterService', service.masterServiceId) }),
    name: t.string({
      description: "The master's own name for it, or else the catalogue service's name in the caller's language.",
      resolve: (service, _args, context) => service.ownName ?? (context.locale === 'EN' ? service.nameEn : service.nameRu),
    }),
    bookings: t.exposeInt('bookings', { description: `${BOOKINGS} of the service in the period.` }),
    revenue: t.field({
      type: MoneyRef,
      description: 'What its completed bookings in the period cost.',
      resolve: (service) => ({ amountMinor: service.revenueMinor, currency: service.currency }),
    }),
  }),
});

const MasterStatsWeekdayRef = builder.objectRef<{ weekday: number; bookings: number }>('MasterStatsWeekday').implement({
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }),
    bookings: t.exposeInt('bookings', { description: `${BOOKINGS} in the period starting on this weekday (local time).` }),
  }),
});

const MasterStatsHourRef = builder.objectRef<{ hour: number; bookings: number }>('MasterStatsHour').implement({
  fields: (t) => ({
    hour: t.exposeInt('hour', { description: "The local hour of the start in the master's time zone, 0–23." }),
    bookings: t.exposeInt('bookings', { description: `${BOOKINGS} in the period starting within this hour.` }),
  }),
});

export const MasterStatsRef = builder.objectRef<MasterStats>('MasterStats').implement({
  description:
    "A master's figures for a period of local dates in the master's time zone. A booking belongs to the period when its " +
    'current start falls on one of those dates (a moved booking counts once, at its new time).',
  fields: (t) => ({
    from: t.exposeString('from', { description: 'The first date of the period, YYYY-MM-DD.' }),
    to: t.exposeString('to', { description: 'The last date of the period (included), YYYY-MM-DD.' }),
    timeZone: t.exposeString('timeZone', { description: "The master's IANA time zone: dates and hours are in it." }),
    currency: t.exposeString('currency', { description: "The master's currency (their city's): revenue is in it." }),
    bookings: t.exposeInt('bookings', { description: `${BOOKINGS}.` }),
    completed: t.exposeInt('completed', { description: 'Completed bookings: visits that took place.' }),
    noShows: t.exposeInt('noShows', { description: 'Bookings marked as no-show.' }),
    cancelled: t.exposeInt('cancelled', { description: 'Cancelled bookings, by anyone (client, master, or released by the system).' }),
    lateCancellations: t.exposeInt('lateCancellations', {
      description: 'Bookings the client cancelled within 24 hours before the start (as client reliability counts them).',
    }),
    revenue: t.field({
      type: MoneyRef,
      description:
        'What completed bookings cost, at their price when booked, in the master’s currency. ' +
        'A booking priced in another currency (made before a move to another country) is left out, not converted.',
      resolve: (stats) => ({ amountMinor: stats.revenueMinor, currency: stats.currency }),
    }),
    workingMinutes: t.exposeInt('workingMinutes', {
      description:
        'Working time: the weekly schedule on each date of the period (wall-clock hours, so a day with a clock change ' +
        'has an hour more or less of it), except days off and blocked time.',
    }),
    bookedMinutes: t.exposeInt('bookedMinutes', {
      description: `Working time that ${BOOKINGS.toLowerCase()} cover; time booked outside working hours is not in it.`,
    }),
    utilisation: t.float({
      nullable: true,
      description: 'bookedMinutes / workingMinutes, 0–1; null without working time.',
      resolve: (stats) => ratio(stats.bookedMinutes, stats.workingMinutes),
    }),
    noShowRate: t.float({
      nullable: true,
      description: 'noShows / (completed + noShows): the share of visits due that the client missed; null when none was due.',
      resolve: (stats) => ratio(stats.noShows, stats.completed + stats.noShows),
    }),
    lateCancellationRate: t.float({
      nullable: true,
      description: 'lateCancellations / (bookings + cancelled): the share of all bookings of the period; null without any.',
      resolve: (stats) => ratio(stats.lateCancellations, stats.bookings + stats.cancelled),
    }),
    newClients: t.exposeInt('newClients', {
      description: 'Clients with a booking in the period and none (not cancelled) with you before it: their first visits.',
    }),
    returningClients: t.exposeInt('returningClients', {
      description: 'Clients with a booking in the period who had one (not cancelled) with you before it.',
    }),
    days: t.field({
      type: [MasterStatsDayRef],
      description: 'Every date of the period, in order, empty ones included.',
      resolve: (stats) => stats.days.map((day) => ({ ...day, currency: stats.currency })),
    }),
    topServices: t.field({
      type: [MasterStatsServiceRef],
      description: `Your ${TOP_SERVICES} services with the most bookings in the period (then by revenue); those without any are left out.`,
      resolve: (stats) => stats.topServices.map((service) => ({ ...service, currency: stats.currency })),
    }),
    weekdays: t.field({
      type: [MasterStatsWeekdayRef],
      description: 'Bookings by the weekday of their start: all seven, Monday first.',
      resolve: (stats) => stats.weekdays,
    }),
    hours: t.field({
      type: [MasterStatsHourRef],
      description: 'Bookings by the local hour of their start: all 24, from 0.',
      resolve: (stats) => stats.hours,
    }),
  }),
});
