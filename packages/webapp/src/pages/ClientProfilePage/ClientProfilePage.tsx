import { useClient } from '@urql/solid';
import { type ClientProfile, UpdateClientContactsMutation, UpdateClientPreferencesMutation } from '@zapis/schema';
import { createEffect, createSignal, createUniqueId, For, Match, on, Show, Switch } from 'solid-js';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { ContactChannels } from '../../components/ContactChannels/ContactChannels.tsx';
import type { ContactChannel } from '../../components/ContactChannels/contactChannels.ts';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import type { Problems } from '../../components/ErrorState/fieldProblems.ts';
import { Field } from '../../components/Field/Field.tsx';
import { type Checked, missingDataError, useFormSubmit } from '../../components/Form/useFormSubmit.ts';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { formatPhone } from '../../format/phone.ts';
import { tc } from '../../i18n/client.ts';
import { tcp } from '../../i18n/clientProfile.ts';
import { t } from '../../i18n/index.ts';
import { notifyHaptic } from '../../init.ts';
import { checkProfileContacts, type ProfileContacts } from './contactsDraft.ts';
import { EraseData } from './EraseData.tsx';
import { PartnerConsent } from './PartnerConsent.tsx';
import '../../components/Form/Form.css';
import './ClientProfilePage.css';

/** `/client/profile`: the client's contacts, the bot's messages, the language, partner consent, and erasing their data. */
export function ClientProfilePage() {
  const clientProfile = useClientProfile();
  return (
    <Switch fallback={<Loading />}>
      <Match when={clientProfile.profile()}>{(profile) => <Profile profile={profile()} />}</Match>
      <Match when={clientProfile.settled()}>
        <ErrorState onRetry={() => window.location.reload()} />
      </Match>
    </Switch>
  );
}

function Profile(props: { profile: ClientProfile }) {
  const [confirmingErase, setConfirmingErase] = createSignal(false);
  return (
    <Page title={tcp().title} subtitle={tcp().subtitle}>
      <Contacts profile={props.profile} buttonHidden={confirmingErase()} />
      <Notifications profile={props.profile} />
      <Language profile={props.profile} />
      <PartnerConsent profile={props.profile} />
      <EraseData confirming={confirmingErase()} onConfirming={setConfirmingErase} />
    </Page>
  );
}

/** Name, phone and channels, saved with Telegram's main button, which shows once something is changed. */
function Contacts(props: { profile: ClientProfile; buttonHidden: boolean }) {
  const client = useClient();
  const clientProfile = useClientProfile();
  const ids = { name: createUniqueId(), phone: createUniqueId(), title: createUniqueId() };
  const [name, setName] = createSignal(props.profile.firstName ?? '');
  const [phone, setPhone] = createSignal(shownPhone(props.profile));
  const [channels, setChannels] = createSignal<ContactChannel[]>([...props.profile.preferredChannels]);
  const [edited, setEdited] = createSignal(false);
  const [saved, setSaved] = createSignal(false);

  // The fields follow the saved profile (a booking may change it too) until the client changes one of them.
  createEffect(
    on(
      () => props.profile,
      (profile) => {
        if (edited()) return;
        setName(profile.firstName ?? '');
        setPhone(shownPhone(profile));
        setChannels([...profile.preferredChannels]);
      },
      { defer: true },
    ),
  );

  const form = useFormSubmit<ProfileContacts>({
    scope: '',
    label: () => tcp().contacts.save,
    visible: () => edited() && !props.buttonHidden,
    check: (): Checked<ProfileContacts> => {
      const checked = checkProfileContacts({ name: name(), phone: phone(), channels: channels() });
      if ('contacts' in checked) return { input: checked.contacts };
      const problems: Problems = {};
      for (const problem of checked.problems) problems[problem] = problemMessage(problem);
      return { problems };
    },
    save: async (input) => {
      const result = await client.mutation(UpdateClientContactsMutation, { input }).toPromise();
      const profile = result.data?.updateClientContacts;
      if (!profile) return { ok: false, error: result.error ?? missingDataError() };
      notifyHaptic('success');
      setEdited(false);
      clientProfile.update(profile);
      setSaved(true);
      return { ok: true };
    },
    // The API's words are English and name its enums: the form says the same in the client's language.
    problemMessage: (path) => (isContactsField(path) ? problemMessage(path) : undefined),
  });

  const edit = (field: string, apply: () => void) => {
    apply();
    setEdited(true);
    setSaved(false);
    form.clearProblem(field);
  };

  return (
    <section class="section" aria-labelledby={ids.title}>
      <h2 class="section__header" id={ids.title}>
        {tcp().contacts.title}
      </h2>
      <div class="card profile__card form">
        <Field label={tcp().contacts.name} for={ids.name} error={form.problem('firstName')}>
          <input
            id={ids.name}
            class="input"
            type="text"
            autocomplete="name"
            maxLength={100}
            value={name()}
            aria-invalid={Boolean(form.problem('firstName'))}
            onInput={(event) => {
              const value = event.currentTarget.value;
              edit('firstName', () => setName(value));
            }}
          />
        </Field>
        <Field label={tcp().contacts.phone} for={ids.phone} hint={tcp().contacts.phoneHint} error={form.problem('phone')}>
          <input
            id={ids.phone}
            class="input profile__phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            placeholder={tc().clientBooking.phonePlaceholder}
            value={phone()}
            aria-invalid={Boolean(form.problem('phone'))}
            onInput={(event) => {
              const value = event.currentTarget.value;
              edit('phone', () => setPhone(value));
            }}
          />
        </Field>
        <ContactChannels
          label={tcp().contacts.channels}
          hint={tcp().contacts.channelsHint}
          channels={channels()}
          error={form.problem('preferredChannels')}
          onChange={(next) => edit('preferredChannels', () => setChannels(next))}
        />
        <p class="hint">{tcp().contacts.hint}</p>
        <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
        <Show when={saved()}>
          <Notice tone="success">{tcp().contacts.saved}</Notice>
        </Show>
      </div>
    </section>
  );
}

function shownPhone(profile: ClientProfile): string {
  return profile.phone ? formatPhone(profile.phone) : '';
}

type ContactsField = 'firstName' | 'phone' | 'preferredChannels';

function isContactsField(path: string): path is ContactsField {
  return path === 'firstName' || path === 'phone' || path === 'preferredChannels';
}

/**
 * A field's problem in the client's words. The API refuses channels that need a phone when there is
 * none (at `preferredChannels`): the form leaves that rule to it and words its refusal so.
 */
function problemMessage(field: ContactsField): string {
  if (field === 'firstName') return tcp().contacts.nameRequired;
  if (field === 'phone') return t().validation.phone;
  return tcp().contacts.phoneNeeded;
}

const NOTIFICATION_KINDS = ['bookingUpdates', 'reminders', 'waitlistOffers', 'reviewRequests'] as const;
type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Which bot messages the client gets: each switch is saved as soon as it is flipped. */
function Notifications(props: { profile: ClientProfile }) {
  const client = useClient();
  const clientProfile = useClientProfile();
  const titleId = createUniqueId();
  /** Switches flipped whose change the API has not answered yet: they show the new state meanwhile. */
  const [saving, setSaving] = createSignal<Partial<Record<NotificationKind, boolean>>>({});
  const [failure, setFailure] = createSignal<string>();
  const isOn = (kind: NotificationKind) => saving()[kind] ?? props.profile.notifications[kind];

  const flip = async (kind: NotificationKind) => {
    if (saving()[kind] !== undefined) return;
    const next = !isOn(kind);
    setSaving((current) => ({ ...current, [kind]: next }));
    setFailure(undefined);
    const result = await client.mutation(UpdateClientPreferencesMutation, { input: { notifications: { [kind]: next } } }).toPromise();
    const profile = result.data?.updateClientPreferences;
    if (profile) {
      clientProfile.update(profile);
      notifyHaptic('success');
    } else {
      setFailure(saveErrorMessage(result.error ?? missingDataError()));
      notifyHaptic('error');
    }
    setSaving(({ [kind]: _done, ...rest }) => rest);
  };

  return (
    <section class="section" aria-labelledby={titleId}>
      <h2 class="section__header" id={titleId}>
        {tcp().notifications.title}
      </h2>
      <Show when={!props.profile.preferredChannels.includes('TELEGRAM')}>
        <Notice tone="info">{tcp().notifications.telegramOff}</Notice>
      </Show>
      <ul class="card profile__switches">
        <For each={NOTIFICATION_KINDS}>
          {(kind) => {
            const ids = { label: createUniqueId(), hint: createUniqueId() };
            return (
              <li class="profile__switch">
                <div class="profile__switch-row">
                  <span id={ids.label} class="profile__switch-label">
                    {tcp().notifications.kinds[kind].label}
                  </span>
                  <button
                    type="button"
                    role="switch"
                    class="switch"
                    aria-checked={isOn(kind)}
                    aria-busy={saving()[kind] !== undefined}
                    aria-labelledby={ids.label}
                    aria-describedby={ids.hint}
                    onClick={() => void flip(kind)}
                  />
                </div>
                <p class="hint" id={ids.hint}>
                  {tcp().notifications.kinds[kind].hint}
                </p>
              </li>
            );
          }}
        </For>
      </ul>
      <p class="hint profile__note">{tcp().notifications.hint}</p>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </section>
  );
}

type LanguageChoice = NonNullable<ClientProfile['language']> | 'TELEGRAM';
const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['TELEGRAM', 'RU', 'EN'];

/** The app's (and the bot's) language: Telegram's, or one the client chooses; the whole client app follows it at once. */
function Language(props: { profile: ClientProfile }) {
  const client = useClient();
  const clientProfile = useClientProfile();
  const titleId = createUniqueId();
  const [choosing, setChoosing] = createSignal<LanguageChoice>();
  const [failure, setFailure] = createSignal<string>();
  const current = () => choosing() ?? props.profile.language ?? 'TELEGRAM';
  const label = (choice: LanguageChoice) => ({ TELEGRAM: tcp().language.telegram, RU: tcp().language.ru, EN: tcp().language.en })[choice];

  const choose = async (choice: LanguageChoice) => {
    if (choosing() || choice === current()) return;
    setChoosing(choice);
    setFailure(undefined);
    const language = choice === 'TELEGRAM' ? null : choice;
    const result = await client.mutation(UpdateClientPreferencesMutation, { input: { language } }).toPromise();
    const profile = result.data?.updateClientPreferences;
    if (profile) clientProfile.update(profile);
    else setFailure(saveErrorMessage(result.error ?? missingDataError()));
    setChoosing(undefined);
  };

  return (
    <section class="section" aria-labelledby={titleId}>
      <h2 class="section__header" id={titleId}>
        {tcp().language.title}
      </h2>
      <div class="segmented profile__languages" role="radiogroup" aria-labelledby={titleId}>
        <For each={LANGUAGE_CHOICES}>
          {(choice) => (
            <button
              type="button"
              role="radio"
              class="segmented__option"
              aria-checked={current() === choice}
              lang={choice === 'TELEGRAM' ? undefined : choice.toLowerCase()}
              onClick={() => void choose(choice)}
            >
              {label(choice)}
            </button>
          )}
        </For>
      </div>
      <p class="hint profile__note">{tcp().language.hint}</p>
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
    </section>
  );
}
