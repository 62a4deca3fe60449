import { For, Index, Show, untrack } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { timesOfDay, weekdayNames } from '../../time/calendarDate.ts';
import { FieldError } from '../Field/Field.tsx';
import { type ScheduleInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { TimeSelect } from '../TimeSelect/TimeSelect.tsx';
import { checkSchedule, nextInterval, scheduleDraft } from './scheduleDraft.ts';
import './ScheduleForm.css';

// Every quarter of an hour, in 24-hour time whatever the device's own format is.
const START_TIMES = timesOfDay(0, 23 * 60 + 45, 15);
const END_TIMES = timesOfDay(15, 24 * 60, 15);

/** Working hours per weekday, several intervals a day, in the master's local time. */
export function ScheduleForm(props: StepFormProps<ScheduleInput>) {
  const [days, setDays] = createStore(scheduleDraft(untrack(() => props.profile?.schedule)));
  const form = useFormSubmit({
    scope: 'schedule',
    label: () => props.submitLabel,
    check: () => checkSchedule(days, tm().validation),
    save: (input) => props.save(input),
  });
  const names = () => weekdayNames(locale());

  /** A day switched on gets the hours of a working day (the closest before it first), or 10:00–19:00. */
  const toggleDay = (dayIndex: number) => {
    const template = [...days.slice(0, dayIndex).reverse(), ...days.slice(dayIndex + 1)].find(
      (day) => day.working && day.intervals.length > 0,
    );
    setDays(
      dayIndex,
      produce((day) => {
        day.working = !day.working;
        if (day.working && day.intervals.length === 0) {
          day.intervals = template ? template.intervals.map((interval) => ({ ...interval })) : [nextInterval([])!];
        }
      }),
    );
    form.clearProblem('days');
  };

  const addInterval = (dayIndex: number) => {
    const next = nextInterval(days[dayIndex]!.intervals);
    if (next) setDays(dayIndex, 'intervals', (intervals) => [...intervals, next]);
  };

  const removeInterval = (dayIndex: number, index: number) => {
    setDays(
      dayIndex,
      produce((day) => {
        day.intervals.splice(index, 1);
        if (day.intervals.length === 0) day.working = false;
      }),
    );
  };

  /** Copies a day's hours to every other working day. */
  const copyToWorkingDays = (dayIndex: number) => {
    const intervals = days[dayIndex]!.intervals.map((interval) => ({ ...interval }));
    setDays(
      (day) => day.working,
      'intervals',
      () => intervals.map((interval) => ({ ...interval })),
    );
  };

  const workingDays = () => days.filter((day) => day.working).length;
  const firstWorkingDay = () => days.findIndex((day) => day.working);

  return (
    <div class="schedule">
      <ul class="card schedule__days">
        <For each={days}>
          {(day, dayIndex) => (
            <li class="schedule__day" data-working={day.working}>
              <div class="schedule__day-header">
                <span class="schedule__day-name" id={`weekday-${day.weekday}`}>
                  {names()[day.weekday - 1]}
                </span>
                <Show when={!day.working}>
                  <span class="hint">{tm().schedule.dayOff}</span>
                </Show>
                <button
                  type="button"
                  role="switch"
                  class="switch"
                  aria-checked={day.working}
                  aria-labelledby={`weekday-${day.weekday}`}
                  onClick={() => toggleDay(dayIndex())}
                />
              </div>
              <Show when={day.working}>
                <div class="schedule__intervals">
                  <Index each={day.intervals}>
                    {(interval, index) => {
                      const path = `days.${dayIndex()}.intervals.${index}`;
                      const problem = () => form.problem(`${path}.start`) ?? form.problem(`${path}.end`) ?? form.problem(path);
                      return (
                        <div class="schedule__interval" data-invalid={problem() ? 'true' : undefined}>
                          <div class="schedule__interval-times">
                            <TimeSelect
                              value={interval().start}
                              choices={START_TIMES}
                              label={`${names()[day.weekday - 1]}: ${tm().schedule.from}`}
                              invalid={Boolean(form.problem(`${path}.start`) ?? form.problem(path))}
                              onChange={(value) => {
                                setDays(dayIndex(), 'intervals', index, 'start', value);
                                form.clearProblem(`${path}.start`);
                                form.clearProblem(path);
                              }}
                            />
                            <span class="schedule__dash" aria-hidden="true">
                              –
                            </span>
                            <TimeSelect
                              value={interval().end}
                              choices={END_TIMES}
                              label={`${names()[day.weekday - 1]}: ${tm().schedule.to}`}
                              invalid={Boolean(form.problem(`${path}.end`) ?? form.problem(path))}
                              onChange={(value) => {
                                setDays(dayIndex(), 'intervals', index, 'end', value);
                                form.clearProblem(`${path}.end`);
                                form.clearProblem(path);
                              }}
                            />
                            <button
                              type="button"
                              class="schedule__remove"
                              aria-label={tm().schedule.removeInterval}
                              onClick={() => removeInterval(dayIndex(), index)}
                            >
                              <svg
                                viewBox="0 0 24 24"
                                width="18"
                                height="18"
                                fill="none"
                                stroke="currentColor"
                                stroke-width="2.2"
                                stroke-linecap="round"
                                aria-hidden="true"
                              >
                                <path d="M6 6l12 12M18 6 6 18" />
                              </svg>
                            </button>
                          </div>
                          <FieldError message={problem()} />
                        </div>
                      );
                    }}
                  </Index>
                  <div class="schedule__actions">
                    <Show when={nextInterval(day.intervals)}>
                      <button type="button" class="link-button schedule__action" onClick={() => addInterval(dayIndex())}>
                        + {tm().schedule.addInterval}
                      </button>
                    </Show>
                    <Show when={workingDays() > 1 && dayIndex() === firstWorkingDay()}>
                      <button type="button" class="link-button schedule__action" onClick={() => copyToWorkingDays(dayIndex())}>
                        {tm().schedule.copyToAll}
                      </button>
                    </Show>
                  </div>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <FieldError message={form.problem('days') ?? form.problem('')} />
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </div>
  );
}
