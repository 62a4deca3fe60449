import type { CombinedError } from '@urql/core';
import { createQuery, useClient } from '@urql/solid';
import { type ClientProfile, ConsentHistoryQuery, GrantConsentMutation, WithdrawConsentMutation } from '@zapis/schema';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useClientProfile } from '../../components/ClientProfileProvider/ClientProfileProvider.tsx';
import { saveErrorMessage } from '../../components/ErrorState/errorMessage.ts';
import { missingDataError } from '../../components/Form/useFormSubmit.ts';
import { Notice } from '../../components/Notice/Notice.tsx';
import { tcp } from '../../i18n/clientProfile.ts';
import { locale } from '../../i18n/index.ts';
import { notifyHaptic } from '../../init.ts';
import { ANCHORS } from '../../navigation.ts';
import { useAnchor } from '../../useAnchor.ts';

/**
 * The version of the consent text this screen shows (`partners.statement`): the one the booking form
 * showed until consent moved here. A changed text is a new version.
 */
export const PARTNER_CONSENT_VERSION = '2025-01';

const KIND = 'SHARE_CONTACT_WITH_PARTNERS';

/** "12 March 2026, 10:15" on the device's clock. */
function whenText(instant: string): string {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );
}

/** Consent to share contacts with partners: what it means, granting and withdrawing it, and every one given. */
export function PartnerConsent(props: { profile: ClientProfile }) {
  const client = useClient();
  const clientProfile = useClientProfile();
  const titleId = createUniqueId();
  let section: HTMLElement | undefined;
  useAnchor(ANCHORS.partnerConsent, () => section);

  // The API answers its changes with the profile: urql then asks for the history again.
  const [history] = createQuery({ query: ConsentHistoryQuery, requestPolicy: 'cache-and-network' });
  const records = () => history.data?.clientProfile.consentHistory.filter((record) => record.kind === KIND) ?? [];
  const inForce = () => props.profile.consents.find((consent) => consent.kind === KIND);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string }>();

  /** Sends a grant or a withdrawal; the API answers with the profile, its consents in force changed. */
  const change = async (send: () => Promise<{ profile?: ClientProfile; error?: CombinedError }>, done: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const { profile, error } = await send();
      if (!profile) {
        notifyHaptic('error');
        setMessage({ tone: 'error', text: saveErrorMessage(error ?? missingDataError()) });
        return;
      }
      notifyHaptic('success');
      clientProfile.update(profile);
      setMessage({ tone: 'success', text: done });
    } finally {
      setBusy(false);
    }
  };
  const grant = () =>
    change(async () => {
      const result = await client
        .mutation(GrantConsentMutation, { input: { kind: KIND, textVersion: PARTNER_CONSENT_VERSION } })
        .toPromise();
      return { profile: result.data?.grantConsent, error: result.error };
    }, tcp().partners.granted);
  const withdraw = () =>
    change(async () => {
      const result = await client.mutation(WithdrawConsentMutation, { input: { kind: KIND } }).toPromise();
      return { profile: result.data?.withdrawConsent, error: result.error };
    }, tcp().partners.withdrawn);

  return (
    <section class="section profile__partners" id={ANCHORS.partnerConsent} ref={section} aria-labelledby={titleId}>
      <h2 class="section__header" id={titleId}>
        {tcp().partners.title}
      </h2>
      <div class="card profile__card">
        <p>{tcp().partners.who}</p>
        <p>{tcp().partners.withConsent}</p>
        <p>{tcp().partners.withoutConsent}</p>
        <figure class="profile__statement">
          <blockquote class="profile__statement-text">{tcp().partners.statement}</blockquote>
          <figcaption class="hint">
            {tcp().partners.statementTitle} · {tcp().partners.version(PARTNER_CONSENT_VERSION)}
          </figcaption>
        </figure>
        <Show
          when={inForce()}
          fallback={
            <>
              <p class="profile__consent-status" data-active="false">
                <span class="profile__consent-dot" aria-hidden="true" />
                {tcp().partners.none}
              </p>
              <button type="button" class="button" disabled={busy()} aria-busy={busy()} onClick={() => void grant()}>
                {tcp().partners.grant}
              </button>
            </>
          }
        >
          {(consent) => (
            <>
              <p class="profile__consent-status" data-active="true">
                <span class="profile__consent-dot" aria-hidden="true" />
                {tcp().partners.inForce(whenText(consent().grantedAt))}
              </p>
              <button type="button" class="button button--destructive" disabled={busy()} aria-busy={busy()} onClick={() => void withdraw()}>
                {tcp().partners.withdraw}
              </button>
              <p class="hint">{tcp().partners.withdrawNote}</p>
            </>
          )}
        </Show>
        <Show when={message()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>
      </div>
      <Show when={records().length > 0}>
        <h3 class="profile__subheader">{tcp().partners.history}</h3>
        <ul class="card profile__history">
          <For each={records()}>
            {(record) => (
              <li class="profile__history-entry" data-active={!record.withdrawnAt}>
                <span class="profile__history-version">{tcp().partners.version(record.textVersion)}</span>
                <span>
                  {tcp().partners.given(whenText(record.grantedAt))}
                  {' · '}
                  {record.withdrawnAt ? tcp().partners.withdrawnAt(whenText(record.withdrawnAt)) : tcp().partners.active}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
