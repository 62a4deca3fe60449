import { useLocation, useNavigate } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { PortfolioEditor } from '../../components/PortfolioEditor/PortfolioEditor.tsx';
import { Redirect } from '../../components/Redirect/Redirect.tsx';
import { tm } from '../../i18n/master.ts';
import { masterHomePath, PORTFOLIO_PATHS, wizardPath } from '../../onboarding.ts';

/**
 * `/master/register/portfolio` (a draft, optional before publishing) and
 * `/master/settings/portfolio` (an active master): photos of the master's work.
 */
export function MasterPortfolioPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const master = useMasterProfile();
  const status = () => master.profile()?.status;
  const expected = () => (status() === 'ACTIVE' ? PORTFOLIO_PATHS.active : status() === 'DRAFT' ? PORTFOLIO_PATHS.draft : undefined);
  const done = () => navigate(status() === 'ACTIVE' ? '/master/settings' : wizardPath('ACTIVATE'), { replace: true });

  return (
    <Switch fallback={<Redirect href={masterHomePath(master.profile())} />}>
      <Match when={expected() === location.pathname.replace(/\/$/, '') && master.profile()}>
        {(profile) => (
          <Page title={tm().portfolio.title} subtitle={tm().portfolio.hint}>
            <PortfolioEditor profile={profile()} update={master.update} reload={master.reload} onDone={done} />
          </Page>
        )}
      </Match>
      <Match when={expected()}>{(path) => <Redirect href={path()} />}</Match>
    </Switch>
  );
}
