import type { CalendarBooking, CalendarTimeBlock } from '@zapis/schema';
import { describe, expect, it } from 'vitest';
import { agendaByDate, workingHoursOn } from './calendarEntries.ts';

function booking(id: string, localStart: string, localEnd: string): CalendarBooking {
  return { id, localStart, localEnd, localDate: localStart.slice(0, 10) } as CalendarBooking;
}

function block(id: string, localStart: string, localEnd: string): CalendarTimeBlock {
  return { id, localStart, localEnd, localDate: localStart.slice(0, 10) } as CalendarTimeBlock;
}

const summary = (entries: { kind: string; start: string; end: string }[] | undefined) =>
  entries?.map((entry) => `${entry.kind} ${entry.start}–${entry.end}`);

describe('agendaByDate', () => {
  it('places entries by the local date and time the API gave, sorted by start', () => {
    const agenda = agendaByDate(
      ['2030-03-11', '2030-03-12'],
      [
        booking('b2', '2030-03-11T16:00:00+10:00', '2030-03-11T17:30:00+10:00'),
        booking('b1', '2030-03-11T09:30:00+10:00', '2030-03-11T10:30:00+10:00'),
        booking('other-week', '2030-03-20T09:30:00+10:00', '2030-03-20T10:30:00+10:00'),
      ],
      [block('k1', '2030-03-11T13:00:00+10:00', '2030-03-11T14:00:00+10:00')],
    );
    expect(summary(agenda.get('2030-03-11'))).toEqual(['booking 09:30–10:30', 'block 13:00–14:00', 'booking 16:00–17:30']);
    expect(agenda.get('2030-03-12')).toEqual([]);
    expect(agenda.has('2030-03-20')).toBe(false);
  });

  it('shows a block over several days on each of them, and a booking past midnight until 24:00', () => {
    const agenda = agendaByDate(
      ['2030-03-11', '2030-03-12', '2030-03-13', '2030-03-14'],
      [booking('late', '2030-03-11T23:00:00+03:00', '2030-03-12T01:00:00+03:00')],
      [block('holiday', '2030-03-12T12:00:00+03:00', '2030-03-14T00:00:00+03:00')],
    );
    expect(summary(agenda.get('2030-03-11'))).toEqual(['booking 23:00–24:00']);
    expect(summary(agenda.get('2030-03-12'))).toEqual(['block 12:00–24:00']);
    expect(summary(agenda.get('2030-03-13'))).toEqual(['block 00:00–24:00']);
    expect(agenda.get('2030-03-14')).toEqual([]);
  });
});

describe('helpers', () => {
  it("names the working hours of a date's weekday", () => {
    const schedule = [
      {
        weekday: 1,
        intervals: [
          { start: '10:00', end: '14:00' },
          { start: '15:00', end: '19:00' },
        ],
      },
    ];
    expect(workingHoursOn(schedule, '2030-03-11')).toBe('10:00–14:00, 15:00–19:00');
    expect(workingHoursOn(schedule, '2030-03-12')).toBe('');
  });
});
