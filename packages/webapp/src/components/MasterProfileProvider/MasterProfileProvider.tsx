import type { RouteSectionProps } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { type MasterProfile, MasterProfileQuery } from '@zapis/schema';
import { type Accessor, createContext, createSignal, type JSX, Match, Show, Switch, useContext } from 'solid-js';
import { masterHomePath } from '../../onboarding.ts';
import { ErrorState } from '../ErrorState/ErrorState.tsx';
import { errorCode } from '../ErrorState/errorCode.ts';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Loading } from '../Loading/Loading.tsx';
import { Redirect } from '../Redirect/Redirect.tsx';

interface MasterProfileContextValue {
  /** The caller's profile; null while they have none (the API answered MASTER_NOT_REGISTERED). */
  profile: Accessor<MasterProfile | null>;
  /** Takes the profile a mutation answered with. */
  update(profile: MasterProfile): void;
  /** Asks the API again without unmounting the page; undefined when that failed. */
  reload(): Promise<MasterProfile | null | undefined>;
}

const MasterProfileContext = createContext<MasterProfileContextValue>();

export function useMasterProfile(): MasterProfileContextValue {
  const context = useContext(MasterProfileContext);
  if (!context) throw new Error('useMasterProfile() needs the MasterProfileProvider route');
  return context;
}

type State = { kind: 'loading' } | { kind: 'failed'; error: CombinedError } | { kind: 'ready'; profile: MasterProfile | null };

/**
 * The layout of every `/master/*` page: asks the API for the caller's master profile once and
 * shares it, so that the pages decide where the master belongs and see each other's saves.
 */
export function MasterProfileProvider(props: RouteSectionProps) {
  const client = useClient();
  const [state, setState] = createSignal<State>({ kind: 'loading' });

  const fetchProfile = async (): Promise<State> => {
    const result = await client.query(MasterProfileQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) return { kind: 'ready', profile: result.data.masterProfile };
    if (result.error && errorCode(result.error) === 'MASTER_NOT_REGISTERED') return { kind: 'ready', profile: null };
    return { kind: 'failed', error: result.error ?? missingDataError() };
  };

  const load = async () => {
    setState({ kind: 'loading' });
    setState(await fetchProfile());
  };
  void load();

  const ready = () => {
    const current = state();
    return current.kind === 'ready' ? current : undefined;
  };

  const failure = () => {
    const current = state();
    return current.kind === 'failed' ? current.error : undefined;
  };

  const context: MasterProfileContextValue = {
    profile: () => ready()?.profile ?? null,
    update: (profile) => setState({ kind: 'ready', profile }),
    reload: async () => {
      const next = await fetchProfile();
      if (next.kind !== 'ready') return undefined;
      setState(next);
      return next.profile;
    },
  };

  return (
    <Switch fallback={<Loading />}>
      <Match when={ready()}>
        <MasterProfileContext.Provider value={context}>{props.children}</MasterProfileContext.Provider>
      </Match>
      <Match when={failure()}>{(error) => <ErrorState error={error()} onRetry={() => void load()} />}</Match>
    </Switch>
  );
}

export interface ActiveMaster {
  profile: MasterProfile;
  /** The master's IANA time zone: the calendar and every local time are in it. */
  timeZone: string;
}

/**
 * The pages only an active master uses (calendar, bookings by hand, blocked time, settings):
 * shows `children` for an active master, and sends anyone else where they belong.
 */
export function ForActiveMaster(props: { children: (master: Accessor<ActiveMaster>) => JSX.Element }) {
  const master = useMasterProfile();
  const active = (): ActiveMaster | undefined => {
    const profile = master.profile();
    return profile?.status === 'ACTIVE' && profile.timeZone ? { profile, timeZone: profile.timeZone } : undefined;
  };
  return (
    <Show when={active()} fallback={<Redirect href={masterHomePath(master.profile())} />}>
      {(current) => props.children(current)}
    </Show>
  );
}
