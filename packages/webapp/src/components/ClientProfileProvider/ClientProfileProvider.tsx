import { type RouteSectionProps, useNavigate } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { type ClientProfile, ClientProfileQuery, UpsertClientMutation } from '@zapis/schema';
import { type Accessor, createContext, createEffect, createSignal, on, onCleanup, type ParentProps, Show, useContext } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { chooseLocale, type Locale, resolveLocale } from '../../i18n/index.ts';
import { lazyPage } from '../../lazyPage.tsx';
import { useSession } from '../../session.ts';
import { createApiClient } from '../../urql.ts';

// Shown only after an erasure, from the profile screen: its chunk is in by then.
const DataErased = lazyPage(() => import('../../pages/ClientProfilePage/DataErased.tsx').then((module) => module.DataErased));

interface ClientProfileContextValue {
  /** The caller's client profile; undefined until `upsertClient` answered, or when it failed. */
  profile: Accessor<ClientProfile | undefined>;
  /** True once `upsertClient` has answered, either way: queries of the client's own data wait for it. */
  settled: Accessor<boolean>;
  /** Asks the API for the profile again, e.g. after a booking saved new contact details. */
  reload(): Promise<void>;
  /** Takes the profile a change of the client's own (contacts, preferences, consents) answered with. */
  update(profile: ClientProfile): void;
  /** The client's data was erased (`eraseMyData`): everything of theirs goes, and the app says so. */
  erased(): void;
}

const ClientProfileContext = createContext<ClientProfileContextValue>();

export function useClientProfile(): ClientProfileContextValue {
  const context = useContext(ClientProfileContext);
  if (!context) throw new Error('useClientProfile() needs the ClientProfileProvider route');
  return context;
}

/**
 * The layout of every `/client/*` page. The client app shows the language the client chose over
 * Telegram's; leaving it for the rest of the app goes back to Telegram's. After an erasure it says
 * so, and starts over (a new session: a new minimal profile, nothing cached from before) when the
 * client goes on.
 */
export function ClientProfileProvider(props: RouteSectionProps) {
  const navigate = useNavigate();
  const telegramLocale = resolveLocale(useSession().languageCode);
  const [erased, setErased] = createSignal(false);
  onCleanup(() => chooseLocale(undefined, telegramLocale));

  return (
    <Show
      when={!erased()}
      fallback={
        <DataErased
          onStartOver={() => {
            setErased(false);
            navigate('/client', { replace: true });
          }}
        />
      }
    >
      <ClientSession telegramLocale={telegramLocale} onErased={() => setErased(true)}>
        {props.children}
      </ClientSession>
    </Show>
  );
}

interface ClientSessionProps {
  telegramLocale: Locale;
  onErased: () => void;
}

/**
 * One session of the client app, with an API client (and cache) of its own. Opening it, on whichever
 * page, creates or refreshes the caller's client profile (`upsertClient`) once. Pages render at
 * once: searching and a master's page are public and do not wait for it.
 */
function ClientSession(props: ParentProps<ClientSessionProps>) {
  const session = useSession();
  const client = createApiClient(session.initDataRaw);
  const [profile, setProfile] = createSignal<ClientProfile>();
  const [settled, setSettled] = createSignal(!session.initDataRaw);

  if (session.initDataRaw) {
    void client
      .mutation(UpsertClientMutation, {})
      .toPromise()
      .then((result) => {
        if (result.data) setProfile(result.data.upsertClient);
        else console.warn('The client profile could not be refreshed', result.error);
        setSettled(true);
      });
  }

  followChosenLanguage(() => profile()?.language, props.telegramLocale);

  const context: ClientProfileContextValue = {
    profile,
    settled,
    reload: async () => {
      const result = await client.query(ClientProfileQuery, {}, { requestPolicy: 'network-only' }).toPromise();
      if (result.data) setProfile(result.data.clientProfile);
    },
    update: (next) => setProfile(next),
    erased: () => {
      chooseLocale(undefined, props.telegramLocale);
      props.onErased();
    },
  };

  return (
    <Provider value={client}>
      <ClientProfileContext.Provider value={context}>{props.children}</ClientProfileContext.Provider>
    </Provider>
  );
}

const PROFILE_LOCALES: Record<NonNullable<ClientProfile['language']>, Locale> = { RU: 'ru', EN: 'en' };

/**
 * Shows the app in the language of the client's profile once it is known (null: Telegram's), with
 * the client's texts in it downloaded first: they are read synchronously.
 */
function followChosenLanguage(language: Accessor<ClientProfile['language'] | undefined>, telegramLocale: Locale): void {
  let latest = 0;
  createEffect(
    on(language, async (chosen) => {
      if (chosen === undefined) return;
      const choice = chosen === null ? undefined : PROFILE_LOCALES[chosen];
      const request = ++latest;
      try {
        await tc.load(choice ?? telegramLocale);
      } catch (error) {
        console.error("The client's texts in the chosen language could not be loaded", error);
        return;
      }
      if (request === latest) chooseLocale(choice, telegramLocale);
    }),
  );
}
