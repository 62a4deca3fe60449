import { useNavigate, useSearchParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { BlockTimeMutation } from '@zapis/schema';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { DateSelect } from '../../components/DateSelect/DateSelect.tsx';
import { errorCode } from '../../components/ErrorState/errorCode.ts';
import { Field } from '../../components/Field/Field.tsx';
import { type Checked, missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { ForActiveMaster } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { TimeSelect } from '../../components/TimeSelect/TimeSelect.tsx';
import { tm } from '../../i18n/master.ts';
import { addDays, type CalendarDate, isCalendarDate, minutesOfDay, timesOfDay, todayIn, zonedTimeToUtc } from '../../time/calendarDate.ts';
import type { CalendarLocationState } from '../MasterCalendarPage/MasterCalendarPage.tsx';
import '../../components/Form/Form.css';

const START_TIMES = timesOfDay(0, 24 * 60 - 5, 5);
const END_TIMES = timesOfDay(5, 24 * 60, 5);

interface BlockDraft {
  startsAt: string;
  endsAt: string;
  reason: string | null;
}

/** `/master/calendar/block?date=…`: takes part of a day, or the whole day, out of booking. */
export function MasterBlockTimePage() {
  return <ForActiveMaster>{(master) => <BlockTimeForm timeZone={master().timeZone} />}</ForActiveMaster>;
}

function BlockTimeForm(props: { timeZone: string }) {
  const client = useClient();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ date?: string }>();
  const today = todayIn(props.timeZone);
  const [date, setDate] = createSignal<CalendarDate>(isCalendarDate(search.date) ? search.date : today);
  const [wholeDay, setWholeDay] = createSignal(false);
  const [from, setFrom] = createSignal('13:00');
  const [to, setTo] = createSignal('14:00');
  const [reason, setReason] = createSignal('');
  const ids = {
    date: createUniqueId(),
    from: createUniqueId(),
    to: createUniqueId(),
    reason: createUniqueId(),
    wholeDay: createUniqueId(),
  };

  /** The instant the wall clock shows `time` on the chosen day; 24:00 is the next midnight. */
  const instant = (time: string) =>
    (time === '24:00'
      ? zonedTimeToUtc(addDays(date(), 1), '00:00', props.timeZone)
      : zonedTimeToUtc(date(), time, props.timeZone)
    ).toISOString();

  const form = useFormSubmit({
    scope: '',
    label: () => tm().blockTime.save,
    check: (): Checked<BlockDraft> => {
      const [start, end] = wholeDay() ? ['00:00', '24:00'] : [from(), to()];
      if (minutesOfDay(start) >= minutesOfDay(end)) return { problems: { endsAt: tm().validation.blockEnd } };
      return { input: { startsAt: instant(start), endsAt: instant(end), reason: reason().trim() || null } };
    },
    save: async (input) => {
      const result = await client.mutation(BlockTimeMutation, { input }).toPromise();
      if (!result.data) return { ok: false, error: result.error ?? missingDataError() };
      navigate(`/master/calendar?date=${date()}`, { replace: true, state: { notice: 'timeBlocked' } satisfies CalendarLocationState });
      return { ok: true };
    },
    failureMessage: (error) => (errorCode(error) === 'SLOT_UNAVAILABLE' ? tm().blockTime.overlapsBooking : undefined),
  });

  return (
    <Page title={tm().blockTime.title} subtitle={tm().blockTime.hint}>
      <div class="form">
        <Field label={tm().blockTime.date} for={ids.date}>
          <DateSelect id={ids.date} value={date()} today={today} daysAhead={365} onChange={setDate} />
        </Field>
        <div class="form__switch-row">
          <span id={ids.wholeDay}>{tm().blockTime.wholeDay}</span>
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={wholeDay()}
            aria-labelledby={ids.wholeDay}
            onClick={() => setWholeDay(!wholeDay())}
          />
        </div>
        <Show when={!wholeDay()}>
          <div class="form__row">
            <Field label={tm().blockTime.from} for={ids.from}>
              <TimeSelect id={ids.from} value={from()} choices={START_TIMES} onChange={setFrom} />
            </Field>
            <Field label={tm().blockTime.to} for={ids.to} error={form.problem('endsAt') && tm().validation.blockEnd}>
              <TimeSelect
                id={ids.to}
                value={to()}
                choices={END_TIMES}
                invalid={Boolean(form.problem('endsAt'))}
                onChange={(value) => {
                  setTo(value);
                  form.clearProblem('endsAt');
                }}
              />
            </Field>
          </div>
        </Show>
        <Field label={tm().blockTime.reason} for={ids.reason} error={form.problem('reason')}>
          <input
            id={ids.reason}
            class="input"
            type="text"
            maxLength={200}
            placeholder={tm().blockTime.reasonPlaceholder}
            value={reason()}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        </Field>
        <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      </div>
    </Page>
  );
}
