import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { type ClientBooking, CreateBookingMutation, type PublicMaster } from '@zapis/schema';
import { createEffect, createMemo, createSignal, createUniqueId, For, Match, on, Show, Switch, untrack } from 'solid-js';
import { AddToCalendar } from '../../components/AddToCalendar/AddToCalendar.tsx';
import { BookingDetails, type DetailRow } from '../../components/BookingDetails/BookingDetails.tsx';
import { BookingPlace, WriteToMaster } from '../../components/BookingPlace/BookingPlace.tsx';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { ContactChannels } from '../../components/ContactChannels/ContactChannels.tsx';
import type { ContactChannel } from '../../components/ContactChannels/contactChannels.ts';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { errorCode } from '../../components/ErrorState/errorCode.ts';
import type { Problems } from '../../components/ErrorState/fieldProblems.ts';
import { Field } from '../../components/Field/Field.tsx';
import { type Checked, missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { Redirect } from '../../components/Redirect/Redirect.tsx';
import { wallClockAt } from '../../components/ZoneNote/masterTime.ts';
import { ZoneNote } from '../../components/ZoneNote/ZoneNote.tsx';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { formatPhone } from '../../format/phone.ts';
import { tc } from '../../i18n/client.ts';
import { locale, t } from '../../i18n/index.ts';
import { newIdempotencyKey } from '../../idempotencyKey.ts';
import { canShareContact, notifyHaptic, shareContact, useMainButton } from '../../init.ts';
import { reportStage } from '../../monitoring.ts';
import { ANCHORS, CLIENT_PROFILE_PATH, masterPath } from '../../navigation.ts';
import { useSession } from '../../session.ts';
import { todayIn, wallClock } from '../../time/calendarDate.ts';
import { WithPublicMaster } from '../ClientMasterPage/ClientMasterPage.tsx';
import { type Contacts, checkContacts, nearestSlotsOf } from './bookingDraft.ts';
import '../../components/Form/Form.css';
import './ClientBookingPage.css';

type Offer = PublicMaster['services'][number];
type BookingSearch = { service?: string; start?: string };

/** `/client/masters/:id/book?service=&start=`: the client's contacts for a chosen free time, then the booking. */
export function ClientBookingPage() {
  return <WithPublicMaster>{(master) => <Booking master={master} />}</WithPublicMaster>;
}

function Booking(props: { master: PublicMaster }) {
  const [search, setSearch] = useSearchParams<BookingSearch>();
  const [booked, setBooked] = createSignal<ClientBooking>();
  const offer = () => props.master.services.find((offered) => offered.id === search.service);
  const start = () => (search.start && !Number.isNaN(Date.parse(search.start)) ? search.start : undefined);
  return (
    <Switch fallback={<Redirect href={masterPath(props.master.id)} />}>
      <Match when={booked()}>{(booking) => <BookingDone booking={booking()} cityName={props.master.city?.name} />}</Match>
      <Match when={offer() && start() ? { offer: offer()!, start: start()! } : undefined}>
        {(chosen) => (
          <BookingForm
            master={props.master}
            offer={chosen().offer}
            start={chosen().start}
            onStartChange={(next) => setSearch({ start: next }, { replace: true })}
            onBooked={setBooked}
          />
        )}
      </Match>
    </Switch>
  );
}

interface BookingFormProps {
  master: PublicMaster;
  offer: Offer;
  /** The chosen free start, an ISO instant. */
  start: string;
  onStartChange: (start: string) => void;
  onBooked: (booking: ClientBooking) => void;
}

function BookingForm(props: BookingFormProps) {
  const client = useClient();
  const session = useSession();
  const clientProfile = useClientProfile();
  const today = todayIn(props.master.timeZone);
  const ids = {
    name: createUniqueId(),
    phone: createUniqueId(),
    comment: createUniqueId(),
  };

  const [name, setName] = createSignal(session.firstName ?? '');
  const [phone, setPhone] = createSignal('');
  const [channels, setChannels] = createSignal<ContactChannel[]>(['TELEGRAM']);
  const [comment, setComment] = createSignal('');
  const [sharing, setSharing] = createSignal(false);
  const [shareNotice, setShareNotice] = createSignal<string>();
  const edited = new Set<'name' | 'phone' | 'channels'>();

  // The profile comes from `upsertClient`, which may answer after the form is shown: it fills
  // in what the client has not touched yet.
  createEffect(
    on(clientProfile.profile, (profile) => {
      if (!profile) return;
      if (!edited.has('name') && profile.firstName) setName(profile.firstName);
      if (!edited.has('phone') && profile.phone) setPhone(formatPhone(profile.phone));
      if (!edited.has('channels') && profile.preferredChannels.length > 0) setChannels([...profile.preferredChannels]);
    }),
  );
  // Consent to share contacts with partners is given and withdrawn on the profile screen only.
  const sharesWithPartners = () => clientProfile.profile()?.consents.some((given) => given.kind === 'SHARE_CONTACT_WITH_PARTNERS') ?? false;

  // One key per chosen start: repeating the attempt (a lost answer, a second press) returns the
  // booking already made; another start is another attempt.
  const idempotencyKey = createMemo(
    on(
      () => props.start,
      () => newIdempotencyKey(),
    ),
  );
  /** The start the API last refused as taken: its message and the nearest free starts show while it is still chosen. */
  const [refusedStart, setRefusedStart] = createSignal<string>();
  const [nearest, setNearest] = createSignal<string[]>([]);
  /** Whether a time was refused as taken before: a booking after it is one the nearest times saved. */
  let slotWasTaken = false;

  const clock = () => wallClockAt(props.start, props.master.timeZone);
  const whenLabel = (instant: string) => {
    const at = wallClockAt(instant, props.master.timeZone);
    return `${dayLabel(at.date, today)}, ${at.time}`;
  };

  const form = useFormSubmit<Contacts>({
    scope: '',
    label: () => tc().clientBooking.confirm,
    enabled: () => !sharing(),
    check: (): Checked<Contacts> => {
      setRefusedStart(undefined);
      const checked = checkContacts({ name: name(), phone: phone(), channels: channels(), comment: comment() });
      if ('contacts' in checked) return { input: checked.contacts };
      const messages = tc().clientBooking.validation;
      const problems: Problems = {};
      for (const problem of checked.problems) {
        problems[problem] = { clientName: messages.name, clientPhone: t().validation.phone, preferredChannels: messages.channels }[problem];
      }
      return { problems };
    },
    save: async (contacts) => {
      const startsAt = props.start;
      const input = {
        ...contacts,
        masterServiceId: props.offer.id,
        startsAt,
        idempotencyKey: untrack(idempotencyKey),
      };
      const result = await client.mutation(CreateBookingMutation, { input }).toPromise();
      const booking = result.data?.createBooking;
      if (booking) {
        reportStage('booking_created', { afterSlotTaken: slotWasTaken });
        notifyHaptic('success');
        void clientProfile.reload();
        props.onBooked(booking);
        return { ok: true };
      }
      const error = result.error ?? missingDataError();
      const code = errorCode(error);
      reportStage('booking_failed', { code });
      if (code === 'SLOT_UNAVAILABLE') {
        slotWasTaken = true;
        setRefusedStart(startsAt);
        setNearest(nearestSlotsOf(error).filter((slot) => slot !== startsAt));
      }
      return { ok: false, error };
    },
    failureMessage: (error) => (errorCode(error) === 'SLOT_UNAVAILABLE' ? tc().clientBooking.slotTaken : undefined),
  });
  const slotRefused = () => refusedStart() === props.start;

  const share = async () => {
    setShareNotice(undefined);
    setSharing(true);
    try {
      const shared = await shareContact();
      if (shared.status === 'declined') {
        setShareNotice(tc().clientBooking.shareDeclined);
        return;
      }
      edited.add('phone');
      setPhone(formatPhone(shared.phone.startsWith('+') ? shared.phone : `+${shared.phone}`));
      form.clearProblem('clientPhone');
    } finally {
      setSharing(false);
    }
  };

  const details = (): DetailRow[] => {
    const rows: DetailRow[] = [
      { label: tc().clientBooking.master, value: props.master.displayName },
      {
        label: tc().clientBooking.service,
        value: `${props.offer.name} · ${formatDuration(props.offer.durationMinutes, locale())}`,
      },
      { label: tc().clientBooking.when, value: `${dayLabel(clock().date, today)}, ${clock().time}` },
    ];
    // Before booking, a master who shows only an area is shown so: the address comes with the booking.
    const place = [props.master.city?.name, props.master.address ?? props.master.area].filter(Boolean).join(', ');
    if (place) {
      const areaOnly = !props.master.address && props.master.area;
      rows.push({ label: tc().clientBooking.address, value: place, note: areaOnly ? t().storefront.areaNote : undefined });
    }
    rows.push({ label: tc().clientBooking.price, value: formatMoney(props.offer.price, locale()) });
    return rows;
  };

  return (
    <Page title={tc().clientBooking.title} subtitle={tc().clientBooking.hint}>
      <div class="client-booking__summary">
        <BookingDetails rows={details()} />
        <ZoneNote timeZone={props.master.timeZone} cityName={props.master.city?.name} />
      </div>

      <Show when={slotRefused() && form.failure()}>
        {(message) => (
          <div class="client-booking__refused" data-invalid="true">
            <Notice tone="error">{message()}</Notice>
            <Show
              when={nearest().length > 0}
              fallback={
                <p class="hint">
                  {tc().clientBooking.noNearest}{' '}
                  <A href={`${masterPath(props.master.id)}?service=${encodeURIComponent(props.offer.id)}`}>
                    {tc().clientBooking.chooseAnother}
                  </A>
                </p>
              }
            >
              <p class="hint">{tc().clientBooking.nearest}</p>
              <div class="client-booking__nearest">
                <For each={nearest()}>
                  {(slot) => (
                    <button type="button" class="button button--secondary" onClick={() => props.onStartChange(slot)}>
                      {whenLabel(slot)}
                    </button>
                  )}
                </For>
              </div>
            </Show>
          </div>
        )}
      </Show>

      <div class="form">
        <Field label={tc().clientBooking.name} for={ids.name} error={form.problem('clientName')}>
          <input
            id={ids.name}
            class="input"
            type="text"
            autocomplete="name"
            maxLength={100}
            value={name()}
            aria-invalid={Boolean(form.problem('clientName'))}
            onInput={(event) => {
              edited.add('name');
              setName(event.currentTarget.value);
              form.clearProblem('clientName');
            }}
          />
        </Field>
        <Field label={tc().clientBooking.phone} for={ids.phone} error={form.problem('clientPhone')}>
          <input
            id={ids.phone}
            class="input client-booking__phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            placeholder={tc().clientBooking.phonePlaceholder}
            value={phone()}
            aria-invalid={Boolean(form.problem('clientPhone'))}
            onInput={(event) => {
              edited.add('phone');
              setPhone(event.currentTarget.value);
              form.clearProblem('clientPhone');
            }}
          />
        </Field>
        <Show when={canShareContact()}>
          <button
            type="button"
            class="button button--secondary client-booking__share"
            disabled={sharing()}
            aria-busy={sharing()}
            onClick={() => void share()}
          >
            <svg
              viewBox="0 0 24 24"
              width="20"
              height="20"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              stroke-linejoin="round"
              aria-hidden="true"
            >
              <path d="M21.5 3.5 10.5 14.5" />
              <path d="M21.5 3.5 14.5 21.5 10.5 14.5 3 10.5Z" />
            </svg>
            {sharing() ? tc().clientBooking.sharing : tc().clientBooking.shareContact}
          </button>
        </Show>
        <Show when={shareNotice()}>{(text) => <Notice tone="info">{text()}</Notice>}</Show>

        <ContactChannels
          label={tc().clientBooking.channels}
          hint={tc().clientBooking.channelsHint}
          channels={channels()}
          error={form.problem('preferredChannels')}
          onChange={(next) => {
            edited.add('channels');
            setChannels(next);
            form.clearProblem('preferredChannels');
          }}
        />

        <Field label={tc().clientBooking.comment} for={ids.comment} hint={tc().clientBooking.optional} error={form.problem('comment')}>
          <textarea
            id={ids.comment}
            class="input"
            rows={3}
            maxLength={500}
            value={comment()}
            onInput={(event) => setComment(event.currentTarget.value)}
          />
        </Field>

        <p class="hint client-booking__partners">
          {sharesWithPartners() ? tc().clientBooking.partnersOn : tc().clientBooking.partnersOff}{' '}
          <A href={`${CLIENT_PROFILE_PATH}#${ANCHORS.partnerConsent}`}>
            {sharesWithPartners() ? tc().clientBooking.partnersOnLink : tc().clientBooking.partnersOffLink}
          </A>
        </p>

        <Show when={refusedStart() === undefined && form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      </div>
    </Page>
  );
}

/** The booking as the API made it: what, with whom, when and where (the full address now, with maps). */
function BookingDone(props: { booking: ClientBooking; cityName: string | undefined }) {
  const navigate = useNavigate();
  const start = () => wallClock(props.booking.localStart);
  const end = () => wallClock(props.booking.localEnd);
  const today = todayIn(props.booking.timeZone);

  useMainButton({ text: () => tc().client.myBookings, onClick: () => navigate('/client/bookings') });

  const rows = (): DetailRow[] => {
    const list: DetailRow[] = [];
    if (props.booking.serviceName) list.push({ label: tc().clientBooking.service, value: props.booking.serviceName });
    list.push({ label: tc().clientBooking.master, value: props.booking.masterName });
    list.push({ label: tc().clientBooking.when, value: `${dayLabel(start().date, today)}, ${start().time}–${end().time}` });
    const address = props.booking.address;
    if (address) {
      list.push({ label: tc().clientBooking.address, value: <BookingPlace address={address} mapLinks={props.booking.mapLinks} /> });
    }
    const price = props.booking.price;
    if (price) list.push({ label: tc().clientBooking.price, value: formatMoney(price, locale()) });
    return list;
  };

  return (
    <section class="page client-booking-done">
      <div class="client-booking-done__badge" aria-hidden="true">
        <svg
          viewBox="0 0 24 24"
          width="34"
          height="34"
          fill="none"
          stroke="currentColor"
          stroke-width="2.6"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      </div>
      <header class="page__header client-booking-done__header">
        <h1 class="page__title">{tc().clientBooking.doneTitle}</h1>
        <p class="page__subtitle">{tc().clientBooking.doneHint}</p>
      </header>
      <div class="client-booking__summary">
        <BookingDetails rows={rows()} />
        <ZoneNote timeZone={props.booking.timeZone} cityName={props.cityName} />
      </div>
      <div class="client-booking-done__actions">
        <AddToCalendar booking={props.booking} />
        <WriteToMaster url={props.booking.masterTelegramUrl} />
      </div>
      <A href="/client" class="button button--link client-booking-done__more">
        {tc().clientBooking.findMore}
      </A>
    </section>
  );
}
