import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { CreateManualBookingMutation, type MasterProfile } from '@zapis/schema';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { DateSelect } from '../../components/DateSelect/DateSelect.tsx';
import { errorCode } from '../../components/ErrorState/errorCode.ts';
import type { Problems } from '../../components/ErrorState/fieldProblems.ts';
import { Field } from '../../components/Field/Field.tsx';
import { type Checked, missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { ForActiveMaster } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { TimeSelect } from '../../components/TimeSelect/TimeSelect.tsx';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { locale } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import {
  type CalendarDate,
  isCalendarDate,
  isoWeekday,
  minutesOfDay,
  timeOfDay,
  timesOfDay,
  todayIn,
  zonedTimeToUtc,
} from '../../time/calendarDate.ts';
import type { CalendarLocationState } from '../MasterCalendarPage/MasterCalendarPage.tsx';
import '../../components/Form/Form.css';

const START_TIMES = timesOfDay(0, 24 * 60 - 5, 5);

interface BookingDraft {
  masterServiceId: string;
  startsAt: string;
  clientName: string;
  clientPhone: string | null;
  comment: string | null;
}

/** `/master/calendar/new?date=…`: the master books a client by hand, in the master's time zone. */
export function MasterNewBookingPage() {
  return <ForActiveMaster>{(master) => <NewBookingForm profile={master().profile} timeZone={master().timeZone} />}</ForActiveMaster>;
}

function NewBookingForm(props: { profile: MasterProfile; timeZone: string }) {
  const client = useClient();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ date?: string }>();
  const today = todayIn(props.timeZone);
  const services = props.profile.services.filter((offered) => offered.isActive);
  const workingIntervals = (date: CalendarDate) => props.profile.schedule.find((day) => day.weekday === isoWeekday(date))?.intervals ?? [];

  const initialDate = isCalendarDate(search.date) ? search.date : today;
  const [serviceId, setServiceId] = createSignal(services[0]?.id ?? '');
  const [date, setDate] = createSignal<CalendarDate>(initialDate);
  const [time, setTime] = createSignal(workingIntervals(initialDate)[0]?.start ?? '10:00');
  const [clientName, setClientName] = createSignal('');
  const [clientPhone, setClientPhone] = createSignal('');
  const [comment, setComment] = createSignal('');
  const ids = {
    service: createUniqueId(),
    date: createUniqueId(),
    time: createUniqueId(),
    name: createUniqueId(),
    phone: createUniqueId(),
    comment: createUniqueId(),
  };

  const service = () => services.find((offered) => offered.id === serviceId());
  const endMinutes = () => minutesOfDay(time()) + (service()?.durationMinutes ?? 0);
  const withinHours = () =>
    workingIntervals(date()).some(
      (interval) => minutesOfDay(interval.start) <= minutesOfDay(time()) && endMinutes() <= minutesOfDay(interval.end),
    );

  const form = useFormSubmit({
    scope: '',
    label: () => tm().newBooking.save,
    enabled: () => services.length > 0,
    check: (): Checked<BookingDraft> => {
      const problems: Problems = {};
      if (!clientName().trim()) problems.clientName = tm().validation.clientName;
      const phone = clientPhone().trim();
      if (phone && phone.replace(/\D/g, '').length < 10) problems.clientPhone = tm().validation.phoneOptional;
      if (Object.keys(problems).length > 0) return { problems };
      return {
        input: {
          masterServiceId: serviceId(),
          startsAt: zonedTimeToUtc(date(), time(), props.timeZone).toISOString(),
          clientName: clientName().trim(),
          clientPhone: phone || null,
          comment: comment().trim() || null,
        },
      };
    },
    save: async (input) => {
      const result = await client.mutation(CreateManualBookingMutation, { input }).toPromise();
      if (!result.data) return { ok: false, error: result.error ?? missingDataError() };
      navigate(`/master/calendar?date=${date()}`, { replace: true, state: { notice: 'bookingAdded' } satisfies CalendarLocationState });
      return { ok: true };
    },
    failureMessage: (error) => (errorCode(error) === 'SLOT_UNAVAILABLE' ? tm().newBooking.slotTaken : undefined),
  });

  return (
    <Page title={tm().newBooking.title} subtitle={tm().newBooking.hint}>
      <Show
        when={services.length > 0}
        fallback={
          <Notice tone="info">
            {tm().newBooking.noServices} <A href="/master/settings/services">{tm().calendar.settings}</A>
          </Notice>
        }
      >
        <div class="form">
          <Field label={tm().newBooking.service} for={ids.service} error={form.problem('masterServiceId')}>
            <select id={ids.service} class="input" value={serviceId()} onChange={(event) => setServiceId(event.currentTarget.value)}>
              <For each={services}>
                {(offered) => (
                  <option value={offered.id}>
                    {offered.name} · {formatDuration(offered.durationMinutes, locale())} · {formatMoney(offered.price, locale())}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <div class="form__row">
            <Field label={tm().newBooking.date} for={ids.date}>
              <DateSelect id={ids.date} value={date()} today={today} daysAhead={90} onChange={setDate} />
            </Field>
            <Field label={tm().newBooking.time} for={ids.time} error={form.problem('startsAt')}>
              <TimeSelect id={ids.time} value={time()} choices={START_TIMES} onChange={setTime} />
            </Field>
          </div>
          <p class="form__note" data-warning={!withinHours()}>
            {tm().newBooking.ends(timeOfDay(endMinutes() % (24 * 60)), formatDuration(service()?.durationMinutes ?? 0, locale()))}
            <Show when={!withinHours()}>
              <br />
              {tm().newBooking.outsideHours}
            </Show>
          </p>
          <Field label={tm().newBooking.clientName} for={ids.name} error={form.problem('clientName') && tm().validation.clientName}>
            <input
              id={ids.name}
              class="input"
              type="text"
              autocomplete="off"
              maxLength={100}
              value={clientName()}
              aria-invalid={Boolean(form.problem('clientName'))}
              onInput={(event) => {
                setClientName(event.currentTarget.value);
                form.clearProblem('clientName');
              }}
            />
          </Field>
          <Field
            label={tm().newBooking.clientPhone}
            for={ids.phone}
            hint={tm().newBooking.optional}
            error={form.problem('clientPhone') && tm().validation.phoneOptional}
          >
            <input
              id={ids.phone}
              class="input"
              type="tel"
              inputmode="tel"
              autocomplete="off"
              placeholder="+7 900 000-00-00"
              value={clientPhone()}
              aria-invalid={Boolean(form.problem('clientPhone'))}
              onInput={(event) => {
                setClientPhone(event.currentTarget.value);
                form.clearProblem('clientPhone');
              }}
            />
          </Field>
          <Field label={tm().newBooking.comment} for={ids.comment} hint={tm().newBooking.optional} error={form.problem('comment')}>
            <textarea
              id={ids.comment}
              class="input"
              rows={3}
              maxLength={500}
              value={comment()}
              onInput={(event) => setComment(event.currentTarget.value)}
            />
          </Field>
          <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
        </div>
      </Show>
    </Page>
  );
}
