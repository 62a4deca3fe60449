import { A, useNavigate, useParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { ActivateMasterMutation, type MasterProfile, SaveOnboardingStepMutation, type VariablesOf } from '@zapis/schema';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError, type SaveResult } from '../../components/Form/useFormSubmit.ts';
import { LocationForm } from '../../components/LocationForm/LocationForm.tsx';
import { useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { MasterStorefront } from '../../components/MasterStorefront/MasterStorefront.tsx';
import { publicViewOf } from '../../components/MasterStorefront/publicView.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { PhoneForm, type PreparedPhone } from '../../components/PhoneForm/PhoneForm.tsx';
import { ProfileForm } from '../../components/ProfileForm/ProfileForm.tsx';
import { Redirect } from '../../components/Redirect/Redirect.tsx';
import { ScheduleForm } from '../../components/ScheduleForm/ScheduleForm.tsx';
import { ServicesStepForm } from '../../components/ServicesEditor/ServicesEditor.tsx';
import { SlotsForm } from '../../components/SlotsForm/SlotsForm.tsx';
import { StepProgress } from '../../components/StepProgress/StepProgress.tsx';
import { StepSummaryList } from '../../components/StepSummaryList/StepSummaryList.tsx';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { reportStage } from '../../monitoring.ts';
import {
  masterHomePath,
  nextScreen,
  ONBOARDING_STEPS,
  PORTFOLIO_MAX,
  PORTFOLIO_PATHS,
  type WizardScreen,
  wizardPath,
  wizardScreenOf,
} from '../../onboarding.ts';
import { useSession } from '../../session.ts';
import type { CalendarLocationState } from '../MasterCalendarPage/MasterCalendarPage.tsx';
import './MasterRegisterPage.css';

type StepInput = VariablesOf<typeof SaveOnboardingStepMutation>['input'];

/**
 * `/master/register/:step`: the registration wizard, one step per screen. The step is in the URL,
 * so reopening the app (through `/master`) resumes at the first incomplete one.
 */
export function MasterRegisterPage() {
  const params = useParams<{ step?: string }>();
  const master = useMasterProfile();

  return (
    <Switch fallback={<Redirect href={masterHomePath(master.profile())} />}>
      <Match when={master.profile()?.status === 'ACTIVE'}>
        <Redirect href="/master/calendar" />
      </Match>
      <Match when={wizardScreenOf(params.step)}>{(screen) => <WizardScreenView screen={screen()} />}</Match>
    </Switch>
  );
}

function WizardScreenView(props: { screen: WizardScreen }) {
  const client = useClient();
  const navigate = useNavigate();
  const master = useMasterProfile();
  const session = useSession();

  /** The next step; straight to publishing once every step is complete (say, after going back to fix one). */
  const goNext = () => {
    const next = master.profile()?.onboarding.isComplete ? 'ACTIVATE' : nextScreen(props.screen);
    if (next) navigate(wizardPath(next));
  };

  const saveStep = async (input: StepInput): Promise<SaveResult> => {
    const result = await client.mutation(SaveOnboardingStepMutation, { input }).toPromise();
    const profile = result.data?.saveOnboardingStep;
    if (!profile) return { ok: false, error: result.error ?? missingDataError() };
    reportStage('onboarding_step_saved', { step: props.screen });
    master.update(profile);
    goNext();
    return { ok: true };
  };

  const savePhone = async (phone: string): Promise<PreparedPhone> => {
    const result = await client.mutation(SaveOnboardingStepMutation, { input: { phone: { phone } } }).toPromise();
    const profile = result.data?.saveOnboardingStep;
    if (!profile?.phone) return { ok: false, error: result.error ?? missingDataError() };
    master.update(profile);
    return { ok: true, phone: profile.phone };
  };

  const stepNumber = () => (props.screen === 'ACTIVATE' ? ONBOARDING_STEPS.length + 1 : ONBOARDING_STEPS.indexOf(props.screen) + 1);
  const title = () => (props.screen === 'ACTIVATE' ? tm().wizard.activation.title : tm().wizard.titles[props.screen]);
  const hint = () => {
    if (props.screen !== 'ACTIVATE') return tm().wizard.hints[props.screen];
    return master.profile()?.onboarding.isComplete ? tm().wizard.activation.hint : tm().wizard.activation.hintIncomplete;
  };
  const welcome = () =>
    props.screen === 'PHONE' && !master.profile()?.phoneVerified
      ? session.firstName
        ? tm().wizard.welcome(session.firstName)
        : tm().wizard.welcomeAnonymous
      : undefined;

  return (
    <div class="wizard">
      <Show when={welcome()}>{(text) => <p class="wizard__welcome">{text()}</p>}</Show>
      <StepProgress
        current={stepNumber()}
        total={ONBOARDING_STEPS.length}
        label={props.screen === 'ACTIVATE' ? tm().wizard.activation.progressLabel : tm().master.steps[props.screen]}
      />
      <Page title={title()} subtitle={hint()}>
        <Switch>
          <Match when={props.screen === 'PHONE'}>
            <PhoneForm
              profile={master.profile()}
              doneLabel={tm().wizard.next}
              prepare={savePhone}
              onVerified={(profile) => {
                reportStage('onboarding_step_saved', { step: 'PHONE' });
                master.update(profile);
                goNext();
              }}
              onDone={goNext}
              reload={master.reload}
            />
          </Match>
          <Match when={props.screen === 'LOCATION'}>
            <LocationForm profile={master.profile()} submitLabel={tm().wizard.next} save={(location) => saveStep({ location })} />
          </Match>
          <Match when={props.screen === 'SCHEDULE'}>
            <ScheduleForm profile={master.profile()} submitLabel={tm().wizard.next} save={(schedule) => saveStep({ schedule })} />
          </Match>
          <Match when={props.screen === 'SLOTS'}>
            <SlotsForm profile={master.profile()} submitLabel={tm().wizard.next} save={(slots) => saveStep({ slots })} />
          </Match>
          <Match when={props.screen === 'SERVICES'}>
            <ServicesStepForm
              profile={master.profile()}
              submitLabel={tm().wizard.next}
              save={(services) => saveStep({ services })}
              locationHref={wizardPath('LOCATION')}
            />
          </Match>
          <Match when={props.screen === 'PROFILE'}>
            <ProfileForm
              profile={master.profile()}
              submitLabel={tm().wizard.next}
              save={(profile) => saveStep({ profile })}
              reload={master.reload}
            />
          </Match>
          <Match when={props.screen === 'ACTIVATE'}>
            <ActivationScreen />
          </Match>
        </Switch>
      </Page>
    </div>
  );
}

/** The last screen: every step at a glance, then publishing the profile. */
function ActivationScreen() {
  const client = useClient();
  const navigate = useNavigate();
  const master = useMasterProfile();
  const [publishing, setPublishing] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [viewingPhotos, setViewingPhotos] = createSignal(false);

  const firstMissing = () => master.profile()?.onboarding.nextStep ?? (master.profile() ? undefined : 'PHONE');

  const publish = async () => {
    setPublishing(true);
    setFailure(undefined);
    try {
      const result = await client.mutation(ActivateMasterMutation, {}).toPromise();
      const profile = result.data?.activateMaster;
      if (!profile) {
        notifyHaptic('error');
        setFailure(saveErrorMessage(result.error ?? missingDataError()));
        await master.reload();
        return;
      }
      notifyHaptic('success');
      reportStage('master_activated');
      master.update(profile);
      navigate('/master/calendar', { replace: true, state: { notice: 'published' } satisfies CalendarLocationState });
    } finally {
      setPublishing(false);
    }
  };

  useMainButton({
    text: () => {
      const missing = firstMissing();
      return missing ? tm().wizard.activation.finishStep(tm().master.steps[missing]) : tm().wizard.activation.publish;
    },
    loading: publishing,
    visible: () => !viewingPhotos(),
    onClick: () => {
      const missing = firstMissing();
      if (missing) navigate(wizardPath(missing));
      else void publish();
    },
  });

  return (
    <div class="wizard__activation">
      <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <div class="section">
        <h2 class="section__header">{tm().wizard.activation.details}</h2>
        <StepSummaryList profile={master.profile()} hrefOf={wizardPath} />
      </div>
      <Show when={master.profile()}>
        {(profile) => (
          <>
            <PortfolioPrompt photos={profile().photos.edges.length} />
            <PublicPagePreview profile={profile()} onViewing={setViewingPhotos} />
          </>
        )}
      </Show>
    </div>
  );
}

/** Photos of the master's work: optional, offered here before publishing (and in settings later). */
function PortfolioPrompt(props: { photos: number }) {
  return (
    <div class="section">
      <h2 class="section__header">{tm().wizard.activation.portfolio}</h2>
      <div class="card wizard__portfolio">
        <Show when={props.photos > 0} fallback={<p class="hint">{tm().wizard.activation.portfolioHint}</p>}>
          <p class="wizard__portfolio-count">{tm().portfolio.count(props.photos, PORTFOLIO_MAX)}</p>
        </Show>
        <A href={PORTFOLIO_PATHS.draft} class="button button--secondary wizard__portfolio-link">
          {props.photos > 0 ? tm().wizard.activation.portfolioEdit : tm().wizard.activation.portfolioAdd}
        </A>
      </div>
    </div>
  );
}

/** The master's page as clients will see it once published: the very component their master page shows. */
function PublicPagePreview(props: { profile: MasterProfile; onViewing: (viewing: boolean) => void }) {
  const view = () => publicViewOf(props.profile);
  const [selectedId, setSelectedId] = createSignal<string>();
  const selected = () => view().services.find((service) => service.id === selectedId())?.id ?? view().services[0]?.id;
  return (
    <section class="section wizard__preview" aria-labelledby="wizard-preview">
      <h2 class="section__header" id="wizard-preview">
        {tm().wizard.activation.preview}
      </h2>
      <p class="hint wizard__preview-hint">{tm().wizard.activation.previewHint}</p>
      <div class="wizard__preview-frame">
        <MasterStorefront
          master={view()}
          selectedId={selected()}
          onSelect={(service) => setSelectedId(service.id)}
          onViewing={props.onViewing}
          titleTag="h2"
        />
      </div>
    </section>
  );
}
