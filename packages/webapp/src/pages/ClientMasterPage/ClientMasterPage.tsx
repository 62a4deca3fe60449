import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { AvailableSlotsQuery, type PublicMaster, PublicMasterQuery } from '@zapis/schema';
import { createEffect, createMemo, createSignal, For, type JSX, Match, Show, Switch } from 'solid-js';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { DateStrip } from '../../components/DateStrip/DateStrip.tsx';
import { dayToShow, groupByLocalDate, localDaysRange, upcomingDates } from '../../components/DateStrip/dateStrip.ts';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { MasterStorefront } from '../../components/MasterStorefront/MasterStorefront.tsx';
import { storefrontOf } from '../../components/MasterStorefront/publicView.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { ZoneNote } from '../../components/ZoneNote/ZoneNote.tsx';
import { tc } from '../../i18n/client.ts';
import { useMainButton } from '../../init.ts';
import { reportStage } from '../../monitoring.ts';
import { ANCHORS, masterPath, masterWaitlistPath } from '../../navigation.ts';
import { todayIn, wallClock } from '../../time/calendarDate.ts';
import { useAnchor } from '../../useAnchor.ts';
import '../../components/Page/Page.css';
import './ClientMasterPage.css';

/** How many of the master's days the date strip offers. */
const DAYS_AHEAD = 14;

const REVIEWS_CHANGE_IT = { additionalTypenames: ['Review'] };

/** The master id of a `/client/masters/:id…` path; the router leaves it encoded. */
export function useMasterIdParam(): () => string {
  const params = useParams<{ id: string }>();
  return () => {
    try {
      return decodeURIComponent(params.id);
    } catch {
      return params.id;
    }
  };
}

/** `/client/masters/:id?service=&date=&start=`: who the master is, what they offer, and their free time (`#free-time` opens the page there). */
export function ClientMasterPage() {
  return <WithPublicMaster>{(master) => <MasterProfileView master={master} />}</WithPublicMaster>;
}

/** Loads the master the path names and shows them through `children`; not found, error and loading otherwise. */
export function WithPublicMaster(props: { children: (master: PublicMaster) => JSX.Element }) {
  const masterId = useMasterIdParam();
  const [master, refetch] = createQuery({
    query: PublicMasterQuery,
    variables: () => ({ id: masterId() }),
    // A review the client leaves (even of a master with none yet) shows on the page: not the cached one.
    context: REVIEWS_CHANGE_IT,
  });

  return (
    <Switch>
      <Match when={master.data}>
        {(data) => (
          <Show when={data().master} fallback={<MasterNotFound />}>
            {(found) => props.children(found())}
          </Show>
        )}
      </Match>
      <Match when={master.error}>
        {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      </Match>
      <Match when={master.fetching}>
        <Loading />
      </Match>
    </Switch>
  );
}

/** Drafts, hidden and archived masters answer null: the client cannot tell these apart, and need not. */
export function MasterNotFound() {
  return (
    <div class="client-master__missing">
      <Notice tone="info">{tc().clientMaster.notFound}</Notice>
      <A href="/client" class="button button--secondary">
        {tc().clientMaster.backToSearch}
      </A>
    </div>
  );
}

type MasterSearch = { service?: string; date?: string; start?: string };

function MasterProfileView(props: { master: PublicMaster }) {
  const navigate = useNavigate();
  const clientProfile = useClientProfile();
  const [search, setSearch] = useSearchParams<MasterSearch>();
  const [viewingPhotos, setViewingPhotos] = createSignal(false);
  const storefront = createMemo(() => storefrontOf(props.master));
  let freeTime: HTMLDivElement | undefined;
  useAnchor(ANCHORS.freeTime, () => freeTime);

  const today = todayIn(props.master.timeZone);
  const dates = upcomingDates(today, DAYS_AHEAD);
  const range = localDaysRange(today, DAYS_AHEAD, props.master.timeZone);

  const offer = () => props.master.services.find((offered) => offered.id === search.service) ?? props.master.services[0];

  const [slots, refetchSlots] = createQuery({
    query: AvailableSlotsQuery,
    variables: () => ({ masterId: props.master.id, masterServiceId: offer()?.id ?? '', ...range }),
    // After `upsertClient`: the API records a client's interest in the service they look at.
    pause: () => !offer() || !clientProfile.settled(),
    requestPolicy: 'cache-and-network',
  });
  const byDate = createMemo(() => groupByLocalDate(slots.data?.availableSlots ?? []));
  const day = () => dayToShow(dates, byDate(), search.date);
  const daySlots = () => byDate().get(day() ?? '') ?? [];
  const chosen = () => daySlots().find((slot) => slot.startsAt === search.start);

  // One `slot_viewed` for each service and day the client looks at, once its free time is in
  // (picking a time, or urql refreshing the answer, shows the same day again).
  let viewed: string | undefined;
  createEffect(() => {
    const [current, shown] = [offer(), day()];
    if (!current || !shown || !slots.data || slots.fetching || slots.stale) return;
    const key = `${current.id} ${shown}`;
    if (key === viewed) return;
    viewed = key;
    reportStage('slot_viewed', { daysAhead: dates.indexOf(shown), slots: daySlots().length, daysWithSlots: byDate().size });
  });

  const choose = (next: MasterSearch) => setSearch(next, { replace: true });
  const whenLabel = (localStart: string) => {
    const clock = wallClock(localStart);
    return `${dayLabel(clock.date, today, 'short')}, ${clock.time}`;
  };

  useMainButton({
    text: () => {
      const slot = chosen();
      return slot ? tc().clientMaster.continueAt(whenLabel(slot.localStart)) : tc().clientMaster.chooseTime;
    },
    enabled: () => Boolean(chosen()),
    visible: () => props.master.services.length > 0 && !viewingPhotos(),
    onClick: () => {
      const slot = chosen();
      const current = offer();
      if (!slot || !current) return;
      const query = new URLSearchParams({ service: current.id, start: slot.startsAt });
      navigate(`${masterPath(props.master.id)}/book?${query.toString()}`);
    },
  });

  return (
    <section class="page client-master">
      <MasterStorefront
        master={storefront()}
        selectedId={offer()?.id}
        onSelect={(offered) => choose({ service: offered.id, date: search.date, start: undefined })}
        onViewing={setViewingPhotos}
      >
        <Show when={offer()}>
          <div class="section client-master__free-time" id={ANCHORS.freeTime} ref={freeTime}>
            <h2 class="section__header" id="master-days">
              {tc().clientMaster.freeTime}
            </h2>
            <ZoneNote timeZone={props.master.timeZone} cityName={props.master.city?.name} />
            <DateStrip
              dates={dates}
              today={today}
              selected={day()}
              label={tc().clientMaster.day}
              hasSlots={(date) => (byDate().get(date)?.length ?? 0) > 0}
              onSelect={(date) => choose({ service: search.service, date, start: undefined })}
            />
            <Switch fallback={<Loading />}>
              <Match when={slots.data}>
                <Show
                  when={daySlots().length > 0}
                  fallback={
                    <p class="hint client-master__empty">
                      {byDate().size > 0 ? tc().clientMaster.noSlotsOnDay : tc().clientMaster.noSlots}
                    </p>
                  }
                >
                  <p class="client-master__day">
                    {dayLabel(day()!, today)}
                    <span class="hint"> · {tc().clientMaster.slotsOn(daySlots().length)}</span>
                  </p>
                  <div class="client-master__slots" role="radiogroup" aria-label={dayLabel(day()!, today)}>
                    <For each={daySlots()}>
                      {(slot) => (
                        <button
                          type="button"
                          role="radio"
                          class="chip client-master__slot"
                          aria-checked={slot.startsAt === search.start}
                          onClick={() => choose({ service: search.service, date: day(), start: slot.startsAt })}
                        >
                          {wallClock(slot.localStart).time}
                        </button>
                      )}
                    </For>
                  </div>
                </Show>
              </Match>
              <Match when={slots.error}>
                {(error) => <ErrorState error={error()} onRetry={() => refetchSlots({ requestPolicy: 'network-only' })} />}
              </Match>
            </Switch>
            <Show when={slots.data}>
              <div class="client-master__waitlist">
                <p class="hint">{tc().clientMaster.joinWaitlistHint}</p>
                <A class="button button--secondary" href={masterWaitlistPath(props.master.id, offer()?.id, day())}>
                  {tc().clientMaster.joinWaitlist}
                </A>
              </div>
            </Show>
          </div>
        </Show>
      </MasterStorefront>
    </section>
  );
}
