import { createQuery } from '@urql/solid';
import { MeQuery, type ResultOf } from '@zapis/schema';
import { Match, Show, Switch } from 'solid-js';
import { ErrorState } from '../../components/ErrorState/ErrorState.tsx';
import { Loading } from '../../components/Loading/Loading.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { t } from '../../i18n/index.ts';
import './MasterPage.css';

type Viewer = ResultOf<typeof MeQuery>['me'];

/** Placeholder of the master journey: who is signed in and whether they are a master yet. */
export function MasterPage() {
  const [me, refetch] = createQuery({ query: MeQuery });

  return (
    <Page title={t().master.title}>
      <Switch>
        <Match when={me.data?.me}>{(viewer) => <ViewerCard viewer={viewer()} />}</Match>
        <Match when={me.error}>
          {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        </Match>
        <Match when={me.fetching}>
          <Loading />
        </Match>
      </Switch>
      <p class="hint master__coming-soon">{t().master.comingSoon}</p>
    </Page>
  );
}

function ViewerCard(props: { viewer: Viewer }) {
  const fullName = () => [props.viewer.firstName, props.viewer.lastName].filter(Boolean).join(' ');
  const status = () => {
    if (!props.viewer.isMaster) return t().master.notRegistered;
    return props.viewer.masterStatus ? t().master.status[props.viewer.masterStatus] : t().master.registered;
  };

  return (
    <div class="card master__card">
      <div class="master__identity">
        <div class="avatar" aria-hidden="true">
          {props.viewer.firstName.charAt(0).toUpperCase()}
        </div>
        <div class="master__names">
          <span class="master__name">{fullName()}</span>
          <Show when={props.viewer.username}>
            <span class="hint">@{props.viewer.username}</span>
          </Show>
        </div>
      </div>
      <div class="master__status" data-status={props.viewer.isMaster ? (props.viewer.masterStatus ?? 'ACTIVE') : 'NONE'}>
        <span class="master__status-dot" aria-hidden="true" />
        {status()}
      </div>
    </div>
  );
}
