import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { ClaimWaitlistOfferMutation, ClientWaitlistQuery, LeaveWaitlistMutation, type WaitlistEntry } from '@zapis/schema';
import { createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { formatCountdown } from '../../format/duration.ts';
import { tcw } from '../../i18n/clientWaitlist.ts';
import { locale } from '../../i18n/index.ts';
import { newIdempotencyKey } from '../../idempotencyKey.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { masterFreeTimePath } from '../../navigation.ts';
import { todayIn, wallClock } from '../../time/calendarDate.ts';
import { heldFor, wishDates } from './waitlistEntry.ts';
import './ClientWaitlistPage.css';

type Message = { tone: 'success' | 'error'; text: string };

/** While the page is open, a time freed up for the client shows without a reload. */
const REFRESH_MS = 15_000;

/** `/client/waitlist`: the waitlists the client is on, a time held for them with "Take it", and leaving. */
export function ClientWaitlistPage() {
  const navigate = useNavigate();
  const clientProfile = useClientProfile();
  const [search] = useSearchParams<{ joined?: string }>();
  const [message, setMessage] = createSignal<Message | undefined>(search.joined ? { tone: 'success', text: tcw().joined } : undefined);

  const [waitlist, refetch] = createQuery({
    query: ClientWaitlistQuery,
    pause: () => !clientProfile.settled(),
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const refresh = setInterval(() => {
    if (document.visibilityState === 'visible') reload();
  }, REFRESH_MS);
  onCleanup(() => clearInterval(refresh));

  const entries = () => waitlist.data?.clientProfile.waitlist ?? [];
  useMainButton({ text: () => tcw().findMaster, visible: () => entries().length === 0, onClick: () => navigate('/client') });

  return (
    <Page title={tcw().title} subtitle={tcw().subtitle}>
      <Show when={message()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>
      <Switch fallback={<Loading />}>
        <Match when={waitlist.data}>
          <Show when={entries().length > 0} fallback={<p class="hint waitlist__empty">{tcw().empty}</p>}>
            <ul class="waitlist__entries">
              <For each={entries()}>
                {(entry) => (
                  <Entry
                    entry={entry}
                    onMessage={setMessage}
                    onTaken={() => navigate('/client/bookings?booked=waitlist')}
                    onChanged={reload}
                  />
                )}
              </For>
            </ul>
          </Show>
        </Match>
        <Match when={waitlist.error}>{(error) => <ErrorState error={error()} onRetry={reload} />}</Match>
      </Switch>
    </Page>
  );
}

interface EntryProps {
  entry: WaitlistEntry;
  onMessage: (message: Message | undefined) => void;
  onTaken: () => void;
  onChanged: () => void;
}

function Entry(props: EntryProps) {
  const client = useClient();
  const [busy, setBusy] = createSignal<'taking' | 'leaving'>();
  const today = () => todayIn(props.entry.timeZone);
  const since = () => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long' }).format(new Date(props.entry.createdAt));
  const wish = () => {
    const days = wishDates(props.entry);
    if (days.kind === 'days') return tcw().wish.days(days.dates.map((date) => dayLabel(date, today(), 'short')).join(' · '));
    return tcw().wish.until(dayLabel(days.until, today(), 'short'));
  };

  // One key per offer: a second tap or a lost answer returns the booking already made.
  const claimKey = createMemo(() => (props.entry.offer ? newIdempotencyKey() : undefined));

  const take = async () => {
    const offer = props.entry.offer;
    const idempotencyKey = claimKey();
    if (!offer || !idempotencyKey || busy()) return;
    setBusy('taking');
    props.onMessage(undefined);
    const result = await client.mutation(ClaimWaitlistOfferMutation, { input: { offerId: offer.id, idempotencyKey } }).toPromise();
    setBusy(undefined);
    if (result.data?.claimWaitlistOffer) {
      notifyHaptic('success');
      props.onTaken();
      return;
    }
    notifyHaptic('error');
    props.onMessage({ tone: 'error', text: saveErrorMessage(result.error ?? missingDataError()) });
    props.onChanged();
  };

  const leave = async () => {
    if (busy()) return;
    setBusy('leaving');
    props.onMessage(undefined);
    const result = await client.mutation(LeaveWaitlistMutation, { input: { entryId: props.entry.id } }).toPromise();
    setBusy(undefined);
    if (result.data?.leaveWaitlist) {
      props.onMessage({ tone: 'success', text: tcw().left });
      props.onChanged();
      return;
    }
    props.onMessage({ tone: 'error', text: saveErrorMessage(result.error ?? missingDataError()) });
  };

  return (
    <li class="card waitlist__entry">
      <A class="waitlist__master" href={masterFreeTimePath(props.entry.masterId, props.entry.masterServiceId)}>
        {props.entry.masterName}
      </A>
      <p class="waitlist__service">{props.entry.serviceName}</p>
      <p class="hint">{wish()}</p>
      <p class="hint">{tcw().wish.since(since())}</p>
      <Show when={props.entry.offer}>{(offer) => <HeldOffer offer={offer()} today={today()} busy={busy()} onTake={take} />}</Show>
      <button type="button" class="button button--link waitlist__leave" disabled={Boolean(busy())} onClick={() => void leave()}>
        {busy() === 'leaving' ? tcw().leaving : tcw().leave}
      </button>
    </li>
  );
}

function HeldOffer(props: {
  offer: NonNullable<WaitlistEntry['offer']>;
  today: string;
  busy: 'taking' | 'leaving' | undefined;
  onTake: () => void;
}) {
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));
  const left = () => heldFor(props.offer.expiresAt, now());
  const clock = () => wallClock(props.offer.localStart);

  return (
    <div class="waitlist__offer" role="group" aria-label={tcw().offer.title}>
      <p class="waitlist__offer-title">{tcw().offer.title}</p>
      <p class="waitlist__offer-time">
        {dayLabel(clock().date, props.today)}, {clock().time}
      </p>
      <Show when={left() > 0} fallback={<p class="hint">{tcw().offer.expired}</p>}>
        <p class="hint">{tcw().offer.heldUntil(formatCountdown(left()))}</p>
        <button type="button" class="button" disabled={Boolean(props.busy)} onClick={props.onTake}>
          {props.busy === 'taking' ? tcw().offer.taking : tcw().offer.take}
        </button>
      </Show>
    </div>
  );
}
