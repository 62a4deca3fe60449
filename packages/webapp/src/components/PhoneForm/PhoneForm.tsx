import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { type MasterProfile, RequestPhoneOtpMutation, type ResultOf, VerifyPhoneOtpMutation } from '@zapis/schema';
import { createSignal, createUniqueId, Match, onCleanup, Show, Switch, untrack } from 'solid-js';
import { formatCountdown, formatWait } from '../../format/duration.ts';
import { formatPhone } from '../../format/phone.ts';
import { locale, t } from '../../i18n/index.ts';
import type { MasterTexts } from '../../i18n/master.ru.ts';
import { tm } from '../../i18n/master.ts';
import { canShareContact, notifyHaptic, shareContact, useMainButton } from '../../init.ts';
import { errorCode } from '../ErrorState/errorCode.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { errorExtension, fieldProblems, retryAfterSeconds } from '../ErrorState/fieldProblems.ts';
import { Field } from '../Field/Field.tsx';
import { missingDataError } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import './PhoneForm.css';

type CodeRequest = ResultOf<typeof RequestPhoneOtpMutation>['requestPhoneOtp'];
/** A code on its way; how it travels is unknown when an earlier request sent it. */
type PendingCode = Omit<CodeRequest, 'delivery'> & { delivery?: CodeRequest['delivery'] };

export type PreparedPhone = { ok: true; phone: string } | { ok: false; error: CombinedError };

interface PhoneFormProps {
  profile: MasterProfile | null;
  /** The main button's label once the number is confirmed: "Next" in the wizard, "Done" in settings. */
  doneLabel: string;
  /**
   * Saves the number before a code is asked for (the wizard's first save creates the draft that
   * codes belong to) and returns it as the API wrote it.
   */
  prepare?: (phone: string) => Promise<PreparedPhone>;
  /** The number is confirmed; the profile is the API's answer. */
  onVerified: (profile: MasterProfile) => void;
  /** The main button on a number confirmed earlier. */
  onDone: () => void;
  /** Asks the API for the profile again: a contact shared with the bot confirms the number there. */
  reload: () => Promise<MasterProfile | null | undefined>;
}

type Mode = 'confirmed' | 'number' | 'code';

const CODE_LENGTH = 6;
/** How long to wait for the bot to confirm a shared contact before suggesting the code. */
const CONTACT_POLL_DELAYS_MS = [600, 900, 1200, 1800, 2500];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type RateLimit = keyof MasterTexts['phone']['rateLimits'];
type CodeRefusal = keyof MasterTexts['phone']['refusals'];

const isRateLimit = (reason: unknown): reason is RateLimit => typeof reason === 'string' && reason in tm().phone.rateLimits;
const isCodeRefusal = (reason: unknown): reason is CodeRefusal => typeof reason === 'string' && reason in tm().phone.refusals;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * The phone step: a number confirmed by a one-time code (the main route), or by sharing the
 * Telegram contact with the bot.
 */
export function PhoneForm(props: PhoneFormProps) {
  const client = useClient();
  const initial = untrack(() => props.profile);
  const [mode, setMode] = createSignal<Mode>(initial?.phoneVerified ? 'confirmed' : 'number');
  const [phone, setPhone] = createSignal(initial?.phone ? formatPhone(initial.phone) : '');
  const [code, setCode] = createSignal('');
  const [request, setRequest] = createSignal<PendingCode>();
  const [busy, setBusy] = createSignal(false);
  const [sharing, setSharing] = createSignal(false);
  const [phoneProblem, setPhoneProblem] = createSignal<string>();
  const [codeProblem, setCodeProblem] = createSignal<string>();
  const [notice, setNotice] = createSignal<{ tone: 'error' | 'info'; text: string }>();
  const [now, setNow] = createSignal(Date.now());
  const ticker = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(ticker));

  const phoneId = createUniqueId();
  const codeId = createUniqueId();
  let codeInput: HTMLInputElement | undefined;

  const secondsToResend = () => {
    const pending = request();
    return pending ? Math.max(0, (Date.parse(pending.resendAvailableAt) - now()) / 1000) : 0;
  };

  /** Says why the API refused, in the user's language: limits, refused codes, a bad number. */
  const fail = (error: CombinedError, field: 'phone' | 'code') => {
    notifyHaptic('error');
    const reason = errorExtension(error, 'reason');
    if (errorCode(error) === 'RATE_LIMITED' && isRateLimit(reason)) {
      setNotice({ tone: 'error', text: tm().phone.rateLimits[reason](formatWait(retryAfterSeconds(error) ?? 60, locale())) });
      return;
    }
    if (isCodeRefusal(reason)) {
      const attemptsLeft = errorExtension(error, 'attemptsLeft');
      const refusals = tm().phone.refusals;
      setCodeProblem(reason === 'WRONG_CODE' ? refusals.WRONG_CODE(typeof attemptsLeft === 'number' ? attemptsLeft : 0) : refusals[reason]);
      setCode('');
      codeInput?.focus();
      return;
    }
    const problem = Object.entries(fieldProblems(error)).find(([path]) => path.endsWith(field));
    if (problem && field === 'phone') setPhoneProblem(t().validation.phone);
    else if (problem) setCodeProblem(problem[1]);
    else setNotice({ tone: 'error', text: saveErrorMessage(error) });
  };

  /** Asks for a code. A code sent a moment ago (say, before the app was closed) is still good. */
  const sendCode = async (number: string) => {
    const result = await client.mutation(RequestPhoneOtpMutation, { input: { phone: number } }).toPromise();
    const sent = result.data?.requestPhoneOtp;
    if (sent) {
      setNow(Date.now());
      setRequest(sent);
      setMode('code');
      setCode('');
      setCodeProblem(undefined);
      queueMicrotask(() => codeInput?.focus());
      return;
    }
    const error = result.error ?? missingDataError();
    const wait = retryAfterSeconds(error);
    if (errorExtension(error, 'reason') === 'RESEND_COOLDOWN' && wait) {
      setNow(Date.now());
      setRequest({
        phone: number,
        expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        resendAvailableAt: new Date(Date.now() + wait * 1000).toISOString(),
        delivery: request()?.delivery,
      });
      setMode('code');
      setNotice({ tone: 'info', text: tm().phone.rateLimits.RESEND_COOLDOWN(formatWait(wait, locale())) });
      return;
    }
    fail(error, 'phone');
  };

  const submitNumber = async () => {
    setNotice(undefined);
    if (digitsOf(phone()).length < 10) {
      setPhoneProblem(t().validation.phone);
      notifyHaptic('error');
      return;
    }
    setBusy(true);
    try {
      let number = phone().trim();
      if (props.prepare) {
        const prepared = await props.prepare(number);
        if (!prepared.ok) return fail(prepared.error, 'phone');
        number = prepared.phone;
      }
      await sendCode(number);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async () => {
    const pending = request();
    if (!pending) return;
    if (code().length !== CODE_LENGTH) {
      setCodeProblem(tm().validation.code);
      return;
    }
    setBusy(true);
    setNotice(undefined);
    try {
      const result = await client.mutation(VerifyPhoneOtpMutation, { input: { phone: pending.phone, code: code() } }).toPromise();
      const profile = result.data?.verifyPhoneOtp;
      if (!profile) return fail(result.error ?? missingDataError(), 'code');
      notifyHaptic('success');
      props.onVerified(profile);
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    const pending = request();
    if (!pending || busy()) return;
    setBusy(true);
    setNotice(undefined);
    try {
      await sendCode(pending.phone);
    } finally {
      setBusy(false);
    }
  };

  const share = async () => {
    setNotice(undefined);
    setSharing(true);
    try {
      const shared = await shareContact();
      if (shared.status === 'declined') {
        setNotice({ tone: 'info', text: tm().phone.shareDeclined });
        return;
      }
      const number = shared.phone.startsWith('+') ? shared.phone : `+${shared.phone}`;
      setPhone(formatPhone(number));
      if (props.prepare) {
        const prepared = await props.prepare(number);
        if (!prepared.ok) return fail(prepared.error, 'phone');
      }
      for (const delay of CONTACT_POLL_DELAYS_MS) {
        await sleep(delay);
        const profile = await props.reload();
        if (profile?.phoneVerified && digitsOf(profile.phone ?? '') === digitsOf(number)) {
          notifyHaptic('success');
          props.onVerified(profile);
          return;
        }
      }
      setNotice({ tone: 'info', text: tm().phone.sharePending });
    } finally {
      setSharing(false);
    }
  };

  /**
   * Back in the app after sharing the contact with the bot in its chat (not through the button
   * above): the bot has confirmed the number by then, so the profile is asked for again.
   */
  let checkingBot = false;
  let disposed = false;
  const noticeNumberConfirmedByBot = async () => {
    if (document.visibilityState !== 'visible' || mode() === 'confirmed' || sharing() || busy() || checkingBot) return;
    checkingBot = true;
    try {
      const before = props.profile;
      const profile = await props.reload();
      const newlyConfirmed = profile?.phoneVerified && (!before?.phoneVerified || profile.phone !== before.phone);
      // Meanwhile a code may have confirmed the number, or the page moved on: it is reported once.
      if (profile && newlyConfirmed && !disposed && !busy() && !sharing() && mode() !== 'confirmed') {
        notifyHaptic('success');
        props.onVerified(profile);
      }
    } finally {
      checkingBot = false;
    }
  };
  const onReturn = () => void noticeNumberConfirmedByBot();
  document.addEventListener('visibilitychange', onReturn);
  window.addEventListener('focus', onReturn);
  onCleanup(() => {
    disposed = true;
    document.removeEventListener('visibilitychange', onReturn);
    window.removeEventListener('focus', onReturn);
  });

  useMainButton({
    text: () => (mode() === 'confirmed' ? props.doneLabel : mode() === 'code' ? tm().phone.confirm : tm().phone.sendCode),
    loading: busy,
    enabled: () => !sharing(),
    onClick: () => {
      if (mode() === 'confirmed') props.onDone();
      else if (mode() === 'code') void submitCode();
      else void submitNumber();
    },
  });

  const sentText = () => {
    const pending = request();
    if (!pending) return '';
    const number = formatPhone(pending.phone);
    if (pending.delivery === 'DEVELOPMENT_LOG') return tm().phone.codeSentDevelopment(number);
    if (pending.delivery === 'TELEGRAM_GATEWAY') return tm().phone.codeSentTelegram(number);
    return tm().phone.codeSent(number);
  };

  return (
    <div class="phone">
      <Switch>
        <Match when={mode() === 'confirmed' && props.profile?.phone}>
          {(confirmed) => (
            <div class="card phone__confirmed">
              <span class="phone__confirmed-icon" aria-hidden="true">
                <svg
                  viewBox="0 0 24 24"
                  width="22"
                  height="22"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="2.6"
                  stroke-linecap="round"
                  stroke-linejoin="round"
                >
                  <path d="M5 12.5l4.5 4.5L19 7.5" />
                </svg>
              </span>
              <div class="phone__confirmed-text">
                <span class="phone__confirmed-number">{formatPhone(confirmed())}</span>
                <span class="hint">
                  {tm().phone.verified}
                  <Show when={props.profile?.phoneVerificationMethod}>{(method) => ` ${tm().phone.verifiedVia[method()]}`}</Show>
                </span>
              </div>
              <button type="button" class="link-button" onClick={() => setMode('number')}>
                {tm().phone.changeNumber}
              </button>
            </div>
          )}
        </Match>

        <Match when={mode() === 'code'}>
          <Notice tone="info">{sentText()}</Notice>
          <Field label={tm().phone.codeLabel} for={codeId} error={codeProblem()}>
            <input
              ref={codeInput}
              id={codeId}
              class="input phone__code"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxLength={CODE_LENGTH}
              placeholder="••••••"
              value={code()}
              aria-invalid={Boolean(codeProblem())}
              onInput={(event) => {
                const digits = digitsOf(event.currentTarget.value).slice(0, CODE_LENGTH);
                event.currentTarget.value = digits;
                setCode(digits);
                setCodeProblem(undefined);
                if (digits.length === CODE_LENGTH && !busy()) void submitCode();
              }}
            />
          </Field>
          <div class="phone__code-actions">
            <Show
              when={secondsToResend() <= 0}
              fallback={<span class="hint">{tm().phone.resendIn(formatCountdown(secondsToResend()))}</span>}
            >
              <button type="button" class="link-button" disabled={busy()} onClick={() => void resend()}>
                {tm().phone.resend}
              </button>
            </Show>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                setMode('number');
                setNotice(undefined);
              }}
            >
              {tm().phone.changeNumber}
            </button>
          </div>
        </Match>

        <Match when={mode() === 'number'}>
          <Field label={tm().phone.label} for={phoneId} error={phoneProblem()}>
            <input
              id={phoneId}
              class="input phone__number"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              placeholder={tm().phone.placeholder}
              value={phone()}
              aria-invalid={Boolean(phoneProblem())}
              onInput={(event) => {
                setPhone(event.currentTarget.value);
                setPhoneProblem(undefined);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void submitNumber();
              }}
            />
          </Field>
          <Show when={canShareContact()}>
            <div class="phone__or" aria-hidden="true">
              {tm().phone.or}
            </div>
            <button
              type="button"
              class="button button--secondary phone__share"
              disabled={sharing() || busy()}
              aria-busy={sharing()}
              onClick={() => void share()}
            >
              <svg
                viewBox="0 0 24 24"
                width="20"
                height="20"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
                aria-hidden="true"
              >
                <path d="M21.5 3.5 10.5 14.5" />
                <path d="M21.5 3.5 14.5 21.5 10.5 14.5 3 10.5Z" />
              </svg>
              {sharing() ? tm().phone.sharing : tm().phone.shareContact}
            </button>
            <p class="hint phone__share-hint">{tm().phone.shareHint}</p>
          </Show>
        </Match>
      </Switch>
      <Show when={notice()}>{(shown) => <Notice tone={shown().tone}>{shown().text}</Notice>}</Show>
    </div>
  );
}
