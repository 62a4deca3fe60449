import { describe, expect, it } from 'vitest';
import { checkSchedule, type DayDraft, nextInterval, scheduleDraft } from './scheduleDraft.ts';

const messages = { time: 'time', endAfterStart: 'order', overlap: 'overlap', noWorkingDay: 'none' };

function week(overrides: Partial<Record<number, Partial<DayDraft>>>): DayDraft[] {
  return Array.from({ length: 7 }, (_, index) => ({ weekday: index + 1, working: false, intervals: [], ...overrides[index + 1] }));
}

describe('scheduleDraft', () => {
  it('offers a newcomer Monday to Friday, 10:00–19:00', () => {
    const draft = scheduleDraft([]);
    expect(draft.filter((day) => day.working).map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(draft[0]!.intervals).toEqual([{ start: '10:00', end: '19:00' }]);
  });

  it('shows a saved schedule', () => {
    const draft = scheduleDraft([{ weekday: 6, intervals: [{ start: '11:00', end: '24:00' }] }]);
    expect(draft[5]).toEqual({ weekday: 6, working: true, intervals: [{ start: '11:00', end: '24:00' }] });
    expect(draft[0]!.working).toBe(false);
  });

  it('suggests the next interval after the last one, and none when the day is over', () => {
    expect(nextInterval([])).toEqual({ start: '10:00', end: '19:00' });
    expect(nextInterval([{ start: '10:00', end: '14:00' }])).toEqual({ start: '15:00', end: '18:00' });
    expect(nextInterval([{ start: '18:00', end: '22:00' }])).toEqual({ start: '23:00', end: '24:00' });
    expect(nextInterval([{ start: '20:00', end: '24:00' }])).toBeUndefined();
  });
});

describe('checkSchedule', () => {
  it('sends every weekday, days off empty', () => {
    const checked = checkSchedule(
      week({
        1: {
          working: true,
          intervals: [
            { start: '10:00', end: '14:00' },
            { start: '15:00', end: '24:00' },
          ],
        },
        2: { working: false, intervals: [{ start: '10:00', end: '12:00' }] },
      }),
      messages,
    );
    expect(checked).toEqual({
      input: {
        days: [
          {
            weekday: 1,
            intervals: [
              { start: '10:00', end: '14:00' },
              { start: '15:00', end: '24:00' },
            ],
          },
          ...[2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, intervals: [] })),
        ],
      },
    });
  });

  it('finds an end before the start, a missing time and overlaps, by the API path', () => {
    const checked = checkSchedule(
      week({
        1: {
          working: true,
          intervals: [
            { start: '12:00', end: '10:00' },
            { start: '13:00', end: '24:30' },
          ],
        },
        3: {
          working: true,
          intervals: [
            { start: '10:00', end: '14:00' },
            { start: '', end: '18:00' },
            { start: '13:00', end: '15:00' },
          ],
        },
      }),
      messages,
    );
    expect(checked).toEqual({
      problems: {
        'days.0.intervals.0.end': 'order',
        'days.0.intervals.1.end': 'time',
        'days.2.intervals.1.start': 'time',
        'days.2.intervals.2': 'overlap',
      },
    });
  });

  it('needs at least one working day', () => {
    expect(checkSchedule(week({ 2: { working: true, intervals: [] } }), messages)).toEqual({ problems: { days: 'none' } });
  });
});
