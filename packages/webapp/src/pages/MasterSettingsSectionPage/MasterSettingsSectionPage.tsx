import { useNavigate, useParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { type MasterProfile, UpdateMasterSettingsMutation, type VariablesOf } from '@zapis/schema';
import { Match, Show, Switch } from 'solid-js';
import { missingDataError, type SaveResult } from '../../components/Form/useFormSubmit.ts';
import { LocationForm } from '../../components/LocationForm/LocationForm.tsx';
import { useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { PhoneForm } from '../../components/PhoneForm/PhoneForm.tsx';
import { ProfileForm } from '../../components/ProfileForm/ProfileForm.tsx';
import { Redirect } from '../../components/Redirect/Redirect.tsx';
import { ScheduleForm } from '../../components/ScheduleForm/ScheduleForm.tsx';
import { ServicesSettings } from '../../components/ServicesEditor/ServicesEditor.tsx';
import { SlotsForm } from '../../components/SlotsForm/SlotsForm.tsx';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { masterHomePath, ONBOARDING_STEPS, type OnboardingStep } from '../../onboarding.ts';
import type { SettingsLocationState } from '../MasterSettingsPage/MasterSettingsPage.tsx';

type SettingsInput = VariablesOf<typeof UpdateMasterSettingsMutation>['input'];
function sectionOf(segment: string | undefined): OnboardingStep | undefined {
  return ONBOARDING_STEPS.find((section) => section.toLowerCase() === segment);
}

/** `/master/settings/:section`: one part of the profile in the same form the wizard uses, saved with "Save". */
export function MasterSettingsSectionPage() {
  const params = useParams<{ section: string }>();
  const master = useMasterProfile();
  const active = () => (master.profile()?.status === 'ACTIVE' ? master.profile() : undefined);

  return (
    <Show when={active()} fallback={<Redirect href={masterHomePath(master.profile())} />}>
      {(profile) => (
        <Show when={sectionOf(params.section)} fallback={<Redirect href="/master/settings" />}>
          {(section) => <SectionEditor section={section()} profile={profile()} />}
        </Show>
      )}
    </Show>
  );
}

function SectionEditor(props: { section: OnboardingStep; profile: MasterProfile }) {
  const client = useClient();
  const navigate = useNavigate();
  const master = useMasterProfile();

  const backToSettings = (saved: boolean) => {
    navigate('/master/settings', { replace: true, state: { saved } satisfies SettingsLocationState });
  };

  const save = async (input: SettingsInput): Promise<SaveResult> => {
    const result = await client.mutation(UpdateMasterSettingsMutation, { input }).toPromise();
    const profile = result.data?.updateMasterSettings;
    if (!profile) return { ok: false, error: result.error ?? missingDataError() };
    notifyHaptic('success');
    master.update(profile);
    backToSettings(true);
    return { ok: true };
  };

  const title = () => tm().wizard.titles[props.section];
  const hint = () => tm().wizard.hints[props.section];
  const label = () => tm().settings.save;

  return (
    <Page title={title()} subtitle={hint()}>
      <Switch>
        <Match when={props.section === 'PROFILE'}>
          <ProfileForm profile={props.profile} submitLabel={label()} save={(profile) => save({ profile })} reload={master.reload} />
        </Match>
        <Match when={props.section === 'PHONE'}>
          <PhoneForm
            profile={props.profile}
            doneLabel={tm().settings.done}
            onVerified={(profile) => {
              master.update(profile);
              backToSettings(true);
            }}
            onDone={() => backToSettings(false)}
            reload={master.reload}
          />
        </Match>
        <Match when={props.section === 'LOCATION'}>
          <LocationForm profile={props.profile} submitLabel={label()} save={(location) => save({ location })} />
        </Match>
        <Match when={props.section === 'SCHEDULE'}>
          <ScheduleForm profile={props.profile} submitLabel={label()} save={(schedule) => save({ schedule })} />
        </Match>
        <Match when={props.section === 'SLOTS'}>
          <SlotsForm profile={props.profile} submitLabel={label()} save={(slots) => save({ slots })} />
        </Match>
        <Match when={props.section === 'SERVICES'}>
          <ServicesSettings profile={props.profile} reload={master.reload} onDone={() => backToSettings(false)} />
        </Match>
      </Switch>
    </Page>
  );
}
