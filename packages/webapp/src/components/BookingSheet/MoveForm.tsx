import { createQuery, useClient } from '@urql/solid';
import { AvailableSlotsQuery, type CalendarBooking, RescheduleBookingMutation } from '@zapis/schema';
import { createMemo, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import { formatDuration } from '../../format/duration.ts';
import { locale, t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { newIdempotencyKey } from '../../idempotencyKey.ts';
import { notifyHaptic } from '../../init.ts';
import { addDays, type CalendarDate, minutesOfDay, timeOfDay, timesOfDay, wallClock, zonedTimeToUtc } from '../../time/calendarDate.ts';
import { BookingDetails } from '../BookingDetails/BookingDetails.tsx';
import { DateSelect, dayLabel } from '../DateSelect/DateSelect.tsx';
import { errorCode } from '../ErrorState/errorCode.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { Field } from '../Field/Field.tsx';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { TimeSelect } from '../TimeSelect/TimeSelect.tsx';
import '../Form/Form.css';

const START_TIMES = timesOfDay(0, 24 * 60 - 5, 5);

interface MoveFormProps {
  booking: CalendarBooking;
  /** The master's public id, as `availableSlots` takes it. */
  masterId: string;
  timeZone: string;
  today: CalendarDate;
  daysOff: readonly CalendarDate[];
  onBack: () => void;
  onMoved: (booking: CalendarBooking) => void;
}

/**
 * The master moves a booking to any day and start: the API accepts any time free of other bookings
 * and blocked time, so any start may be entered; the free starts by the master's schedule (the
 * booking's own time counting as free) are offered as shortcuts.
 */
export function MoveForm(props: MoveFormProps) {
  const client = useClient();
  const ids = { date: createUniqueId(), time: createUniqueId() };
  const current = wallClock(props.booking.localStart);
  const [date, setDate] = createSignal<CalendarDate>(current.date);
  const [time, setTime] = createSignal(current.time);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  const startsAt = () => zonedTimeToUtc(date(), time(), props.timeZone).toISOString();
  // One key per chosen start: a retry of the same move moves once; another start is another move.
  const idempotencyKey = createMemo(on(startsAt, () => newIdempotencyKey()));
  const unchanged = () => Date.parse(startsAt()) === Date.parse(props.booking.startsAt);

  const [slots] = createQuery({
    query: AvailableSlotsQuery,
    variables: () => ({
      masterId: props.masterId,
      masterServiceId: props.booking.masterService?.id ?? '',
      reschedulingBookingId: props.booking.id,
      from: zonedTimeToUtc(date(), '00:00', props.timeZone).toISOString(),
      to: zonedTimeToUtc(addDays(date(), 1), '00:00', props.timeZone).toISOString(),
    }),
    pause: () => !props.booking.masterService,
    requestPolicy: 'network-only',
  });
  const freeTimes = () => (slots.data?.availableSlots ?? []).map((slot) => wallClock(slot.localStart).time);

  const end = () => timeOfDay((minutesOfDay(time()) + props.booking.durationMinutes) % (24 * 60));
  const newTime = () => `${dayLabel(date(), props.today)}, ${time()}–${end()}`;

  const move = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const input = { bookingId: props.booking.id, startsAt: startsAt(), idempotencyKey: idempotencyKey() };
      const result = await client.mutation(RescheduleBookingMutation, { input }).toPromise();
      const moved = result.data?.rescheduleBooking;
      if (!moved) {
        notifyHaptic('error');
        const error = result.error ?? missingDataError();
        setFailure(errorCode(error) === 'SLOT_UNAVAILABLE' ? tm().newBooking.slotTaken : saveErrorMessage(error));
        return;
      }
      notifyHaptic('success');
      props.onMoved(moved);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="booking-move">
      <BookingDetails
        rows={[
          {
            label: tm().calendar.moveNow,
            value: `${dayLabel(current.date, props.today)}, ${current.time}–${wallClock(props.booking.localEnd).time}`,
          },
          { label: tm().calendar.moveTo, value: newTime(), note: formatDuration(props.booking.durationMinutes, locale()) },
        ]}
      />
      <div class="form__row">
        <Field label={tm().calendar.moveDay} for={ids.date}>
          <DateSelect id={ids.date} value={date()} today={props.today} daysAhead={365} onChange={setDate} />
        </Field>
        <Field label={tm().calendar.moveTime} for={ids.time}>
          <TimeSelect id={ids.time} value={time()} choices={START_TIMES} onChange={setTime} />
        </Field>
      </div>
      <Show when={props.daysOff.includes(date())}>
        <p class="form__note" data-warning="true">
          {tm().calendar.moveOnDayOff}
        </p>
      </Show>
      <Show when={props.booking.masterService}>
        <div class="booking-move__free">
          <span class="booking-move__label">{tm().calendar.moveFree}</span>
          <Show when={slots.data}>
            <Show when={freeTimes().length > 0} fallback={<p class="hint">{tm().calendar.moveFreeNone}</p>}>
              <div class="booking-move__slots" role="radiogroup" aria-label={tm().calendar.moveFree}>
                <For each={freeTimes()}>
                  {(free) => (
                    <button
                      type="button"
                      role="radio"
                      class="chip booking-move__slot"
                      aria-checked={free === time()}
                      onClick={() => setTime(free)}
                    >
                      {free}
                    </button>
                  )}
                </For>
              </div>
            </Show>
          </Show>
        </div>
      </Show>
      <p class="hint">{tm().calendar.moveAnyTime}</p>
      <Show when={props.booking.source === 'CLIENT'}>
        <p class="hint">{tm().calendar.moveNotify}</p>
      </Show>
      <Show when={unchanged()}>
        <p class="hint">{tm().calendar.moveSameTime}</p>
      </Show>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <div class="booking-sheet__confirm">
        <button type="button" class="button button--secondary" onClick={() => props.onBack()}>
          {t().common.back}
        </button>
        <button type="button" class="button booking-move__confirm" disabled={busy() || unchanged()} onClick={() => void move()}>
          {tm().calendar.moveConfirm}
        </button>
      </div>
    </div>
  );
}
