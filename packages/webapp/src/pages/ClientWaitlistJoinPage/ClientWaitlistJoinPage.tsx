import { A, useNavigate, useSearchParams } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { JoinWaitlistMutation, type PublicMaster } from '@zapis/schema';
import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import type { ContactChannel } from '../../components/ContactChannels/contactChannels.ts';
import { dayLabel } from '../../components/DateSelect/DateSelect.tsx';
import { upcomingDates } from '../../components/DateStrip/dateStrip.ts';
import { errorCode } from '../../components/ErrorState/errorCode.ts';
import { errorExtension, type Problems } from '../../components/ErrorState/fieldProblems.ts';
import { Field, FieldError } from '../../components/Field/Field.tsx';
import { type Checked, missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { ZoneNote } from '../../components/ZoneNote/ZoneNote.tsx';
import { formatPhone } from '../../format/phone.ts';
import { tc } from '../../i18n/client.ts';
import { tcw } from '../../i18n/clientWaitlist.ts';
import { t } from '../../i18n/index.ts';
import { notifyHaptic } from '../../init.ts';
import { CLIENT_PROFILE_PATH, CLIENT_WAITLIST_PATH } from '../../navigation.ts';
import { todayIn } from '../../time/calendarDate.ts';
import { WithPublicMaster } from '../ClientMasterPage/ClientMasterPage.tsx';
import { channelsWithTelegram, MAX_DAYS, toggleDate, WITHIN_CHOICES, type Wish, wishInput } from './waitlistWish.ts';
import '../../components/Form/Form.css';
import './ClientWaitlistJoinPage.css';

type JoinSearch = { service?: string; date?: string };

/** `/client/masters/:id/waitlist?service=&date=`: wait for a freed time of one of the master's services. */
export function ClientWaitlistJoinPage() {
  return <WithPublicMaster>{(master) => <JoinWaitlist master={master} />}</WithPublicMaster>;
}

type JoinInput = { clientName: string; clientPhone: string; wish: NonNullable<ReturnType<typeof wishInput>> };

function JoinWaitlist(props: { master: PublicMaster }) {
  const client = useClient();
  const navigate = useNavigate();
  const clientProfile = useClientProfile();
  const [search] = useSearchParams<JoinSearch>();
  const ids = { service: createUniqueId(), name: createUniqueId(), phone: createUniqueId(), when: createUniqueId() };

  const today = todayIn(props.master.timeZone);
  const dates = upcomingDates(today, MAX_DAYS);
  const [serviceId, setServiceId] = createSignal(
    props.master.services.find((offered) => offered.id === search.service)?.id ?? props.master.services[0]?.id,
  );
  const [wish, setWish] = createSignal<Wish>({
    kind: 'days',
    dates: search.date && dates.includes(search.date) ? [search.date] : [],
  });
  const [name, setName] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const edited = new Set<string>();

  // The contacts come from the client's profile (it may answer after the form shows) until edited.
  createEffect(
    on(clientProfile.profile, (profile) => {
      if (!profile) return;
      if (!edited.has('name') && profile.firstName) setName(profile.firstName);
      if (!edited.has('phone') && profile.phone) setPhone(formatPhone(profile.phone));
    }),
  );
  const offersOff = () => clientProfile.profile()?.notifications.waitlistOffers === false;
  const channels = (): ContactChannel[] => channelsWithTelegram(clientProfile.profile()?.preferredChannels ?? [], 'TELEGRAM');

  const form = useFormSubmit<JoinInput>({
    scope: '',
    label: () => tcw().join.submit,
    enabled: () => Boolean(serviceId()),
    check: (): Checked<JoinInput> => {
      const problems: Problems = {};
      const chosen = wishInput(wish());
      if (!chosen) problems.dates = tcw().join.pickDays;
      if (!name().trim()) problems.clientName = tcw().join.nameRequired;
      if (phone().replace(/\D/g, '').length < 10) problems.clientPhone = phone().trim() ? t().validation.phone : tcw().join.phoneRequired;
      if (!chosen || Object.keys(problems).length > 0) return { problems };
      return { input: { clientName: name().trim(), clientPhone: phone().trim(), wish: chosen } };
    },
    save: async ({ clientName, clientPhone, wish: chosen }) => {
      const masterServiceId = serviceId();
      if (!masterServiceId) return { ok: false, error: missingDataError() };
      const input = { masterServiceId, clientName, clientPhone, preferredChannels: channels(), ...chosen };
      const result = await client.mutation(JoinWaitlistMutation, { input }).toPromise();
      if (!result.data?.joinWaitlist) return { ok: false, error: result.error ?? missingDataError() };
      notifyHaptic('success');
      navigate(`${CLIENT_WAITLIST_PATH}?joined=1`);
      return { ok: true };
    },
    failureMessage: (error) => refusal(error),
  });

  const chooseWish = (next: Wish) => {
    setWish(next);
    form.clearProblem('dates');
  };
  const daysChosen = () => {
    const current = wish();
    return current.kind === 'days' ? current.dates : [];
  };

  return (
    <Page title={tcw().join.title} subtitle={tcw().join.subtitle(props.master.displayName)}>
      <Show when={props.master.services.length > 0} fallback={<Notice tone="info">{tcw().join.noServices}</Notice>}>
        <div class="section form waitlist-join">
          <Field label={tcw().join.service} for={ids.service}>
            <select id={ids.service} class="input" value={serviceId()} onChange={(event) => setServiceId(event.currentTarget.value)}>
              <For each={props.master.services}>{(offered) => <option value={offered.id}>{offered.name}</option>}</For>
            </select>
          </Field>

          <div class="field" data-invalid={form.problem('dates') ? 'true' : undefined}>
            <span class="field__label" id={ids.when}>
              {tcw().join.when}
            </span>
            <div class="segmented" role="radiogroup" aria-labelledby={ids.when}>
              <button
                type="button"
                role="radio"
                class="segmented__option"
                aria-checked={wish().kind === 'days'}
                onClick={() => chooseWish({ kind: 'days', dates: daysChosen() })}
              >
                {tcw().join.days}
              </button>
              <button
                type="button"
                role="radio"
                class="segmented__option"
                aria-checked={wish().kind === 'within'}
                onClick={() => chooseWish({ kind: 'within', days: WITHIN_CHOICES[1] })}
              >
                {tcw().join.within}
              </button>
            </div>
            <Show
              when={wish().kind === 'days'}
              fallback={
                <>
                  <div class="chips waitlist-join__within" role="radiogroup" aria-label={tcw().join.within}>
                    <For each={WITHIN_CHOICES}>
                      {(days) => (
                        <button
                          type="button"
                          role="radio"
                          class="chip"
                          aria-checked={wish().kind === 'within' && (wish() as { days: number }).days === days}
                          onClick={() => chooseWish({ kind: 'within', days })}
                        >
                          {tcw().join.withinDays(days)}
                        </button>
                      )}
                    </For>
                  </div>
                  <p class="hint">{tcw().join.withinHint}</p>
                </>
              }
            >
              <p class="hint">{daysChosen().length > 0 ? tcw().join.daysChosen(daysChosen().length) : tcw().join.chooseDays}</p>
              <div class="waitlist-join__days" role="group" aria-label={tcw().join.days}>
                <For each={dates}>
                  {(date) => (
                    <button
                      type="button"
                      class="chip waitlist-join__day"
                      data-date={date}
                      aria-pressed={daysChosen().includes(date)}
                      onClick={() => chooseWish({ kind: 'days', dates: toggleDate(daysChosen(), date) })}
                    >
                      {dayLabel(date, today, 'short')}
                    </button>
                  )}
                </For>
              </div>
            </Show>
            <FieldError message={form.problem('dates')} />
            <ZoneNote timeZone={props.master.timeZone} cityName={props.master.city?.name} />
          </div>

          <p class="section__header waitlist-join__contacts">{tcw().join.contacts}</p>
          <Field label={tcw().join.name} for={ids.name} error={form.problem('clientName')}>
            <input
              id={ids.name}
              class="input"
              type="text"
              autocomplete="name"
              maxLength={100}
              value={name()}
              onInput={(event) => {
                edited.add('name');
                setName(event.currentTarget.value);
                form.clearProblem('clientName');
              }}
            />
          </Field>
          <Field label={tcw().join.phone} for={ids.phone} error={form.problem('clientPhone')}>
            <input
              id={ids.phone}
              class="input"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              placeholder={tc().clientBooking.phonePlaceholder}
              value={phone()}
              onInput={(event) => {
                edited.add('phone');
                setPhone(event.currentTarget.value);
                form.clearProblem('clientPhone');
              }}
            />
          </Field>
          <p class="hint">{tcw().join.contactsHint}</p>

          <Show when={offersOff()}>
            <Notice tone="error">
              {tcw().join.offersOff} <A href={CLIENT_PROFILE_PATH}>{tcw().join.turnOn}</A>
            </Notice>
          </Show>
          <Notice tone="info">{tcw().join.how}</Notice>
          <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
        </div>
      </Show>
    </Page>
  );
}

/** The refusals joinWaitlist words by reason, in the client's words. */
function refusal(error: CombinedError): string | undefined {
  if (errorCode(error) !== 'BAD_USER_INPUT') return undefined;
  const reason = errorExtension(error, 'reason');
  if (reason === 'DATE_OUT_OF_RANGE') return tcw().join.dateOutOfRange;
  if (reason === 'NOT_BOOKABLE') return tcw().join.notBookable;
  if (reason === 'TOO_MANY_ENTRIES') return tcw().join.tooMany;
  return undefined;
}
