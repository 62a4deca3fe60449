import { afterEach, describe, expect, it } from 'vitest';
import { toLocalIso } from '../../time/zoned-time.js';
import { computeAvailableSlots, type SlotQuery, type WeeklyInterval } from './slots.js';

const MOSCOW = 'Europe/Moscow';
const BERLIN = 'Europe/Berlin';
const VLADIVOSTOK = 'Asia/Vladivostok';
const at = (iso: string) => new Date(iso);
const hhmm = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};
const interval = (weekday: number, start: string, end: string): WeeklyInterval => ({
  weekday,
  startMinute: hhmm(start),
  endMinute: hhmm(end),
});
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => interval(weekday, start, end));

type Scenario = Omit<Partial<SlotQuery>, 'settings'> &
  Pick<SlotQuery, 'timeZone' | 'from' | 'to'> & { settings?: Partial<SlotQuery['settings']> };

/** Free starts as the master's clock shows them (ISO 8601 with the offset). */
function slots(scenario: Scenario): string[] {
  const query: SlotQuery = {
    schedule: [],
    daysOff: [],
    durationMinutes: 60,
    busy: [],
    now: at('2030-01-01T00:00:00Z'),
    ...scenario,
    settings: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 365, ...scenario.settings },
  };
  return computeAvailableSlots(query).map((start) => toLocalIso(start, query.timeZone));
}

// 1 April 2030 is a Monday. In Moscow (UTC+3 all year) the local day is [31 March 21:00Z, 1 April 21:00Z).
const MONDAY_IN_MOSCOW = { timeZone: MOSCOW, from: at('2030-03-31T21:00:00Z'), to: at('2030-04-01T21:00:00Z') };
const busy = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });

describe('the grid', () => {
  it('steps from the start of each working interval while the whole service fits', () => {
    const result = slots({
      ...MONDAY_IN_MOSCOW,
      schedule: [interval(1, '10:00', '13:00'), interval(1, '14:00', '15:30'), interval(2, '10:00', '18:00')],
      settings: { stepMinutes: 30 },
    });
    expect(result).toEqual([
      '2030-04-01T10:00:00+03:00',
      '2030-04-01T10:30:00+03:00',
      '2030-04-01T11:00:00+03:00',
      '2030-04-01T11:30:00+03:00',
      '2030-04-01T12:00:00+03:00',
      '2030-04-01T14:00:00+03:00',
      '2030-04-01T14:30:00+03:00',
    ]);
  });

  it('offers a start once when working intervals overlap', () => {
    const result = slots({ ...MONDAY_IN_MOSCOW, schedule: [interval(1, '10:00', '12:00'), interval(1, '11:00', '13:00')] });
    expect(result).toEqual(['2030-04-01T10:00:00+03:00', '2030-04-01T11:00:00+03:00', '2030-04-01T12:00:00+03:00']);
  });

  it('takes starts from `from` inclusive to `to` exclusive', () => {
    const schedule = [interval(1, '10:00', '13:00')];
    expect(slots({ timeZone: MOSCOW, schedule, from: at('2030-04-01T07:00:00Z'), to: at('2030-04-01T09:00:00Z') })).toEqual([
      '2030-04-01T10:00:00+03:00',
      '2030-04-01T11:00:00+03:00',
    ]);
    expect(slots({ timeZone: MOSCOW, schedule, from: at('2030-04-01T07:00:00.001Z'), to: at('2030-04-01T09:00:00.001Z') })).toEqual([
      '2030-04-01T11:00:00+03:00',
      '2030-04-01T12:00:00+03:00',
    ]);
  });
});

describe('a Europe/Berlin weekend with a clock change', () => {
  const weekend = (saturday: string, sunday: string) => ({
    timeZone: BERLIN,
    from: at(`${saturday}T00:00:00+01:00`),
    to: at(`${sunday}T23:00:00Z`),
    schedule: [interval(6, '01:00', '04:00'), interval(7, '01:00', '04:00')],
  });

  it('skips the hour that does not exist on the spring-forward night (02:00 → 03:00)', () => {
    const result = slots({ ...weekend('2030-03-30', '2030-03-31'), durationMinutes: 30, settings: { stepMinutes: 30 } });
    expect(result).toEqual([
      '2030-03-30T01:00:00+01:00',
      '2030-03-30T01:30:00+01:00',
      '2030-03-30T02:00:00+01:00',
      '2030-03-30T02:30:00+01:00',
      '2030-03-30T03:00:00+01:00',
      '2030-03-30T03:30:00+01:00',
      '2030-03-31T01:00:00+01:00',
      '2030-03-31T01:30:00+01:00',
      '2030-03-31T03:00:00+02:00',
      '2030-03-31T03:30:00+02:00',
    ]);
  });

  it('measures the service in real minutes across the jump', () => {
    // 01:30 + 60 minutes is 03:30 after the jump, inside the interval; 03:30 + 60 is not.
    const result = slots({ ...weekend('2030-03-30', '2030-03-31'), from: at('2030-03-31T00:00:00+01:00'), settings: { stepMinutes: 30 } });
    expect(result).toEqual(['2030-03-31T01:00:00+01:00', '2030-03-31T01:30:00+01:00', '2030-03-31T03:00:00+02:00']);
  });

  it('keeps the usual length of an interval that ends inside the skipped hour', () => {
    // 00:00–02:30 ends at 02:30 read with the winter offset: 03:30 summer time.
    const result = slots({
      timeZone: BERLIN,
      from: at('2030-03-31T00:00:00+01:00'),
      to: at('2030-04-01T00:00:00+02:00'),
      schedule: [interval(7, '00:00', '02:30')],
      durationMinutes: 90,
      settings: { stepMinutes: 30 },
    });
    expect(result).toEqual(['2030-03-31T00:00:00+01:00', '2030-03-31T00:30:00+01:00', '2030-03-31T01:00:00+01:00']);
  });

  it('offers each time of the repeated hour once, at its first occurrence, on the fall-back night (03:00 → 02:00)', () => {
    const result = slots({
      ...weekend('2030-10-26', '2030-10-27'),
      from: at('2030-10-27T00:00:00+02:00'),
      durationMinutes: 30,
      settings: { stepMinutes: 30 },
    });
    expect(result).toEqual([
      '2030-10-27T01:00:00+02:00',
      '2030-10-27T01:30:00+02:00',
      '2030-10-27T02:00:00+02:00',
      '2030-10-27T02:30:00+02:00',
      '2030-10-27T03:00:00+01:00',
      '2030-10-27T03:30:00+01:00',
    ]);
  });

  it('ends an interval at the first occurrence of a repeated end time', () => {
    const result = slots({
      timeZone: BERLIN,
      from: at('2030-10-27T00:00:00+02:00'),
      to: at('2030-10-28T00:00:00+01:00'),
      schedule: [interval(7, '00:00', '02:30')],
    });
    expect(result).toEqual(['2030-10-27T00:00:00+02:00', '2030-10-27T01:00:00+02:00']);
  });
});

describe('a master whose zone is not the server’s or the client’s', () => {
  // Monday 1 April 2030, 09:00–11:00 in Vladivostok (UTC+10) is 31 March 23:00Z – 1 April 01:00Z.
  const query = {
    timeZone: VLADIVOSTOK,
    schedule: [interval(1, '09:00', '11:00')],
    from: at('2030-03-31T00:00:00Z'),
    to: at('2030-04-01T00:00:00Z'),
  };
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('reads the schedule on the master’s local date, which starts ten hours before UTC’s', () => {
    const starts = computeAvailableSlots({
      ...query,
      daysOff: [],
      busy: [],
      durationMinutes: 60,
      now: at('2030-03-01T00:00:00Z'),
      settings: { stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60 },
    });
    expect(starts).toEqual([at('2030-03-31T23:00:00Z')]);
  });

  it.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'])('gives the same answer on a server in %s', (serverZone) => {
    process.env.TZ = serverZone;
    const offsets: Record<string, number> = { UTC: 0, 'America/New_York': 300, 'Asia/Kolkata': -330, 'Pacific/Kiritimati': -840 };
    expect(new Date('2030-01-01T00:00:00Z').getTimezoneOffset()).toBe(offsets[serverZone]);
    expect(slots({ ...query, to: at('2030-04-02T00:00:00Z') })).toEqual(['2030-04-01T09:00:00+10:00', '2030-04-01T10:00:00+10:00']);
    expect(slots({ ...query, to: at('2030-04-02T00:00:00Z'), daysOff: ['2030-04-01'] })).toEqual([]);
  });
});

describe('busy time and the buffer', () => {
  it('keeps the buffer free before and after every booking', () => {
    // Busy 11:00–12:00 with a 15-minute buffer: a 60-minute start must end by 10:45 or begin at 12:15.
    const result = slots({
      ...MONDAY_IN_MOSCOW,
      schedule: [interval(1, '09:00', '14:00')],
      busy: [busy('2030-04-01T11:00:00+03:00', '2030-04-01T12:00:00+03:00')],
      settings: { stepMinutes: 15, bufferMinutes: 15 },
    });
    expect(result).toEqual([
      '2030-04-01T09:00:00+03:00',
      '2030-04-01T09:15:00+03:00',
      '2030-04-01T09:30:00+03:00',
      '2030-04-01T09:45:00+03:00',
      '2030-04-01T12:15:00+03:00',
      '2030-04-01T12:30:00+03:00',
      '2030-04-01T12:45:00+03:00',
      '2030-04-01T13:00:00+03:00',
    ]);
  });

  it('lets a start touch busy time when there is no buffer', () => {
    const result = slots({
      ...MONDAY_IN_MOSCOW,
      schedule: [interval(1, '09:00', '13:00')],
      busy: [
        busy('2030-04-01T08:00:00+03:00', '2030-04-01T10:00:00+03:00'),
        busy('2030-04-01T12:00:00+03:00', '2030-04-01T12:01:00+03:00'),
      ],
    });
    expect(result).toEqual(['2030-04-01T10:00:00+03:00', '2030-04-01T11:00:00+03:00']);
  });

  it('treats any overlap, even a second, as a conflict', () => {
    const result = slots({
      ...MONDAY_IN_MOSCOW,
      schedule: [interval(1, '10:00', '12:00')],
      busy: [busy('2030-04-01T10:59:59+03:00', '2030-04-01T11:00:01+03:00')],
    });
    expect(result).toEqual([]);
  });
});

describe('notice, horizon and days off', () => {
  it('starts no sooner than the minimum notice from now', () => {
    const query = { ...MONDAY_IN_MOSCOW, schedule: [interval(1, '09:00', '13:00')], durationMinutes: 30 };
    expect(slots({ ...query, now: at('2030-04-01T09:20:00+03:00'), settings: { stepMinutes: 30, minNoticeMinutes: 60 } })).toEqual([
      '2030-04-01T10:30:00+03:00',
      '2030-04-01T11:00:00+03:00',
      '2030-04-01T11:30:00+03:00',
      '2030-04-01T12:00:00+03:00',
      '2030-04-01T12:30:00+03:00',
    ]);
    expect(slots({ ...query, now: at('2030-04-01T11:30:00+03:00'), settings: { stepMinutes: 30, minNoticeMinutes: 60 } })).toEqual([
      '2030-04-01T12:30:00+03:00',
    ]);
  });

  it('counts the horizon in whole local days after the master’s today', () => {
    // 13:30Z on 1 April is 23:30 in Vladivostok: today is 1 April there, so a one-day horizon
    // reaches the end of 2 April local time.
    const query = {
      timeZone: VLADIVOSTOK,
      schedule: everyDay('10:00', '11:00'),
      now: at('2030-04-01T13:30:00Z'),
      from: at('2030-04-01T13:30:00Z'),
      to: at('2030-04-10T00:00:00Z'),
    };
    expect(slots({ ...query, settings: { horizonDays: 1 } })).toEqual(['2030-04-02T10:00:00+10:00']);
    expect(slots({ ...query, settings: { horizonDays: 2 } })).toEqual(['2030-04-02T10:00:00+10:00', '2030-04-03T10:00:00+10:00']);
  });

  it('leaves out the master’s days off, which are local dates', () => {
    const query = {
      timeZone: MOSCOW,
      from: at('2030-03-31T21:00:00Z'),
      to: at('2030-04-03T21:00:00Z'),
      schedule: everyDay('10:00', '12:00'),
    };
    expect(slots({ ...query, daysOff: ['2030-04-02'] })).toEqual([
      '2030-04-01T10:00:00+03:00',
      '2030-04-01T11:00:00+03:00',
      '2030-04-03T10:00:00+03:00',
      '2030-04-03T11:00:00+03:00',
    ]);
  });
});
