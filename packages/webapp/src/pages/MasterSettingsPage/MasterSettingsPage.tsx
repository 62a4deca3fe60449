import { A, useLocation } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { type MasterProfile, UpdateMasterSettingsMutation } from '@zapis/schema';
import { createSignal, onCleanup, Show } from 'solid-js';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { ForActiveMaster, useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Notice } from '../../components/Notice/Notice.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { RatingSummary } from '../../components/Rating/Rating.tsx';
import { StepSummaryList } from '../../components/StepSummaryList/StepSummaryList.tsx';
import { formatDuration } from '../../format/duration.ts';
import { locale, t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic } from '../../init.ts';
import { DAYS_OFF_PATH } from '../../navigation.ts';
import { PORTFOLIO_MAX, PORTFOLIO_PATHS } from '../../onboarding.ts';
import './MasterSettingsPage.css';

/** Shown once after a settings section was saved. */
export interface SettingsLocationState {
  saved?: boolean;
}

/** `/master/settings`: everything onboarding set, each a link to edit it, and the profile's visibility. */
export function MasterSettingsPage() {
  return <ForActiveMaster>{(master) => <Settings profile={master().profile} />}</ForActiveMaster>;
}

/** A link to send to clients, with a button that copies it (or selects it where copying is refused). */
function ShareLink(props: { url: string; label?: string }) {
  const [copy, setCopy] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let field: HTMLInputElement | undefined;
  let reset: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(reset));

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      notifyHaptic('success');
      setCopy('copied');
      clearTimeout(reset);
      reset = setTimeout(() => setCopy('idle'), 2000);
    } catch {
      field?.select();
      setCopy('failed');
    }
  };

  return (
    <div class="settings__share-row">
      <Show when={props.label}>{(label) => <span class="hint">{label()}</span>}</Show>
      <div class="settings__share-link">
        <input
          ref={field}
          class="input settings__share-url"
          readOnly
          value={props.url}
          aria-label={props.label ?? tm().settings.shareLink}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button button--secondary settings__copy" onClick={() => void copyLink()}>
          {copy() === 'copied' ? tm().settings.copied : tm().settings.copy}
        </button>
      </div>
      <Show when={copy() === 'failed'}>
        <p class="hint">{tm().settings.copyFailed}</p>
      </Show>
    </div>
  );
}

function Chevron() {
  return (
    <svg
      class="settings__chevron"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d="m9 5 7 7-7 7" />
    </svg>
  );
}

function Settings(props: { profile: MasterProfile }) {
  const client = useClient();
  const location = useLocation<SettingsLocationState>();
  const master = useMasterProfile();
  const [confirmingHide, setConfirmingHide] = createSignal(false);
  const [changing, setChanging] = createSignal(false);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | undefined>(
    location.state?.saved ? { tone: 'success', text: tm().settings.saved } : undefined,
  );

  const setVisible = async (active: boolean) => {
    setChanging(true);
    setMessage(undefined);
    try {
      const result = await client.mutation(UpdateMasterSettingsMutation, { input: { active } }).toPromise();
      const profile = result.data?.updateMasterSettings;
      if (!profile) {
        notifyHaptic('error');
        setMessage({ tone: 'error', text: saveErrorMessage(result.error ?? missingDataError()) });
        return;
      }
      notifyHaptic('success');
      master.update(profile);
      setConfirmingHide(false);
      setMessage({ tone: 'success', text: active ? tm().settings.shown : tm().settings.hidden });
    } finally {
      setChanging(false);
    }
  };

  return (
    <Page title={tm().settings.title}>
      <Show when={message()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>

      <div class="section">
        <h2 class="section__header">{tm().settings.setup}</h2>
        <StepSummaryList profile={props.profile} hrefOf={(step) => `/master/settings/${step.toLowerCase()}`} />
      </div>

      <div class="section">
        <h2 class="section__header">{tm().settings.bookings}</h2>
        <ul class="card settings__links">
          <li>
            <A href={DAYS_OFF_PATH} class="settings__link">
              <span class="settings__link-text">
                <span class="settings__link-title">{tm().settings.daysOff}</span>
                <span class="settings__link-value">{tm().settings.daysOffCount(props.profile.daysOff.length)}</span>
              </span>
              <Chevron />
            </A>
          </li>
          <li>
            <A href="/master/settings/confirmation" class="settings__link">
              <span class="settings__link-text">
                <span class="settings__link-title">{tm().settings.confirmation}</span>
                <span class="settings__link-value">
                  {props.profile.slotSettings?.requireConfirmation
                    ? tm().settings.confirmationOn(formatDuration(props.profile.slotSettings.confirmationDeadlineMinutes, locale()))
                    : tm().settings.confirmationOff}
                </span>
              </span>
              <Chevron />
            </A>
          </li>
        </ul>
      </div>

      <div class="section">
        <h2 class="section__header">{tm().settings.storefront}</h2>
        <ul class="card settings__links">
          <li>
            <A href={PORTFOLIO_PATHS.active} class="settings__link">
              <span class="settings__link-text">
                <span class="settings__link-title">{tm().settings.portfolio}</span>
                <span class="settings__link-value">
                  {props.profile.photos.edges.length > 0
                    ? tm().portfolio.count(props.profile.photos.edges.length, PORTFOLIO_MAX)
                    : tm().settings.noPhotos}
                </span>
              </span>
              <Chevron />
            </A>
          </li>
          <li>
            <A href="/master/settings/reviews" class="settings__link">
              <span class="settings__link-text">
                <span class="settings__link-title">{tm().settings.reviews}</span>
                <span class="settings__link-value">
                  <Show when={props.profile.rating.count > 0} fallback={tm().settings.noReviews}>
                    <RatingSummary rating={props.profile.rating} compact />
                  </Show>
                </span>
              </span>
              <Chevron />
            </A>
          </li>
        </ul>
      </div>

      <Show when={props.profile.shareLink}>
        {(link) => (
          <div class="section">
            <h2 class="section__header">{tm().settings.shareLink}</h2>
            <div class="card settings__share">
              <p class="hint">{tm().settings.shareLinkHint}</p>
              <ShareLink url={link().miniApp} />
              <ShareLink url={link().bot} label={tm().settings.shareLinkBot} />
            </div>
          </div>
        )}
      </Show>

      <div class="section">
        <h2 class="section__header">{tm().settings.visibility}</h2>
        <div class="card settings__visibility">
          <div class="settings__status" data-visible={props.profile.isActive}>
            <span class="settings__status-dot" aria-hidden="true" />
            {props.profile.isActive ? tm().master.status.active : tm().master.status.hidden}
          </div>
          <p class="hint">{props.profile.isActive ? tm().settings.visibleHint : tm().settings.hiddenHint}</p>
          <Show
            when={props.profile.isActive}
            fallback={
              <button type="button" class="button" disabled={changing()} onClick={() => void setVisible(true)}>
                {tm().settings.show}
              </button>
            }
          >
            <Show
              when={confirmingHide()}
              fallback={
                <button type="button" class="button button--destructive" onClick={() => setConfirmingHide(true)}>
                  {tm().settings.hide}
                </button>
              }
            >
              <p class="settings__confirm">{tm().settings.hideConfirm}</p>
              <div class="settings__confirm-actions">
                <button type="button" class="button button--secondary" onClick={() => setConfirmingHide(false)}>
                  {t().common.cancel}
                </button>
                <button type="button" class="button settings__hide" disabled={changing()} onClick={() => void setVisible(false)}>
                  {tm().settings.hideConfirmButton}
                </button>
              </div>
            </Show>
          </Show>
        </div>
      </div>
    </Page>
  );
}
