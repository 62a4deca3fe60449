import type { RouteSectionProps } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { type ClientProfile, ClientProfileQuery, UpsertClientMutation } from '@zapis/schema';
import { type Accessor, createContext, createSignal, useContext } from 'solid-js';
import { useSession } from '../../session.ts';

interface ClientProfileContextValue {
  /** The caller's client profile; undefined until `upsertClient` answered, or when it failed. */
  profile: Accessor<ClientProfile | undefined>;
  /** True once `upsertClient` has answered, either way: queries of the client's own data wait for it. */
  settled: Accessor<boolean>;
  /** Asks the API for the profile again, e.g. after a booking saved new contact details. */
  reload(): Promise<void>;
}

const ClientProfileContext = createContext<ClientProfileContextValue>();

export function useClientProfile(): ClientProfileContextValue {
  const context = useContext(ClientProfileContext);
  if (!context) throw new Error('useClientProfile() needs the ClientProfileProvider route');
  return context;
}

/**
 * The layout of every `/client/*` page. Opening the client app, on whichever page, creates or
 * refreshes the caller's client profile (`upsertClient`) once. Pages render at once: searching
 * and a master's page are public and do not wait for it.
 */
export function ClientProfileProvider(props: RouteSectionProps) {
  const client = useClient();
  const session = useSession();
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

  const context: ClientProfileContextValue = {
    profile,
    settled,
    reload: async () => {
      const result = await client.query(ClientProfileQuery, {}, { requestPolicy: 'network-only' }).toPromise();
      if (result.data) setProfile(result.data.clientProfile);
    },
  };

  return <ClientProfileContext.Provider value={context}>{props.children}</ClientProfileContext.Provider>;
}
