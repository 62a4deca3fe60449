import { A } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/solid';
import { ArchiveMasterServiceMutation, CreateMasterServiceMutation, type MasterProfile, UpdateMasterServiceMutation } from '@zapis/schema';
import { createSignal, For, Show, untrack } from 'solid-js';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney, parseAmount } from '../../format/money.ts';
import { locale, t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { notifyHaptic, useMainButton } from '../../init.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { errorExtension, fieldProblems } from '../ErrorState/fieldProblems.ts';
import { FieldError } from '../Field/Field.tsx';
import { type Checked, missingDataError, type ServicesInput, type StepFormProps, useFormSubmit } from '../Form/useFormSubmit.ts';
import { Notice } from '../Notice/Notice.tsx';
import { ServiceSheet, type SheetField, type SheetResult } from './ServiceSheet.tsx';
import { draftOf, draftProblems, type ServiceDraft, serviceInput, shownName } from './serviceDraft.ts';
import './ServicesEditor.css';

/** The sheet is open on a service of the list, or on a new one. */
type Editing = { draft: ServiceDraft } | { draft: undefined };

interface ServiceRowsProps {
  drafts: readonly ServiceDraft[];
  currency: string;
  /** What is wrong with a service, by its key. */
  problem?: (key: string) => string | undefined;
  onOpen: (draft: ServiceDraft) => void;
  onAdd: () => void;
}

/** The master's services, each a row to open, and a button to add one. */
function ServiceRows(props: ServiceRowsProps) {
  const price = (draft: ServiceDraft) => {
    const amountMinor = parseAmount(draft.price, props.currency);
    return amountMinor === undefined ? draft.price : formatMoney({ amountMinor, currency: props.currency }, locale());
  };
  return (
    <div class="services-editor">
      <Show when={props.drafts.length > 0} fallback={<p class="hint services-editor__empty">{tm().services.empty}</p>}>
        <ul class="card services-editor__list" aria-label={tm().services.list}>
          <For each={props.drafts}>
            {(draft) => (
              <li class="services-editor__item" data-active={draft.isActive} data-invalid={props.problem?.(draft.key) ? 'true' : undefined}>
                <button type="button" class="services-editor__row" onClick={() => props.onOpen(draft)}>
                  <span class="services-editor__text">
                    <span class="services-editor__name">{shownName(draft)}</span>
                    <span class="services-editor__meta">
                      {[draft.kind.name, formatDuration(draft.durationMinutes, locale())].join(' · ')}
                      <Show when={!draft.isActive}>
                        <span class="services-editor__off">{tm().services.off}</span>
                      </Show>
                    </span>
                  </span>
                  <span class="services-editor__price">{price(draft)}</span>
                  <svg
                    class="services-editor__chevron"
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
                </button>
                <FieldError message={props.problem?.(draft.key)} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <button type="button" class="button button--secondary services-editor__add" onClick={() => props.onAdd()}>
        <svg
          viewBox="0 0 24 24"
          width="20"
          height="20"
          fill="none"
          stroke="currentColor"
          stroke-width="2.4"
          stroke-linecap="round"
          aria-hidden="true"
        >
          <path d="M12 5v14M5 12h14" />
        </svg>
        {tm().services.add}
      </button>
    </div>
  );
}

/** Prices are in the city's currency: without a city there is nothing to price in. */
function CityFirst(props: { locationHref: string }) {
  return (
    <div class="services-editor__city-first">
      <Notice tone="info">{tm().services.cityFirst}</Notice>
      <A href={props.locationHref} class="button button--secondary">
        {tm().services.chooseCity}
      </A>
    </div>
  );
}

const FIELD_OF: Record<string, SheetField> = {
  name: 'name',
  priceMinor: 'price',
  durationMinutes: 'duration',
  description: 'description',
  serviceId: 'kind',
};

/** The form's own words for what the API refused (its messages are for developers, in English). */
const problemOfField: Record<SheetField, (reason: unknown) => string> = {
  name: () => tm().validation.serviceName,
  price: () => tm().validation.price,
  duration: () => t().errors.BAD_USER_INPUT,
  description: () => t().errors.BAD_USER_INPUT,
  kind: () => tm().validation.kind,
  '': (reason) => (reason === 'CITY_REQUIRED' ? tm().services.cityFirst : t().errors.BAD_USER_INPUT),
};

/**
 * The wizard's services step: the list is kept here, edited in a sheet, and saved as a whole with
 * the main button ("Next"): services with an id are edited, new ones added, removed ones archived.
 */
export function ServicesStepForm(props: StepFormProps<ServicesInput> & { locationHref: string }) {
  return (
    <Show when={props.profile?.city?.currency} fallback={<CityFirst locationHref={props.locationHref} />}>
      {(currency) => <ServicesStepList {...props} currency={currency()} />}
    </Show>
  );
}

function ServicesStepList(props: StepFormProps<ServicesInput> & { currency: string }) {
  const [drafts, setDrafts] = createSignal<ServiceDraft[]>(
    untrack(() => (props.profile?.services ?? []).filter((service) => service.isActive).map((service) => draftOf(service, locale()))),
  );
  const [editing, setEditing] = createSignal<Editing>();
  /** Which field of a service (by its key) the API refused, for the row's message. */
  const rowFields = new Map<string, SheetField>();

  const form = useFormSubmit({
    scope: 'services',
    label: () => props.submitLabel,
    visible: () => !editing(),
    check: (): Checked<ServicesInput> => {
      const list = drafts();
      if (list.length === 0) return { problems: { '': tm().validation.noService } };
      const problems: Record<string, string> = {};
      for (const draft of list) {
        const [first] = draftProblems(draft, list, props.currency);
        if (first) problems[draft.key] = problemOfField[first](undefined);
      }
      if (Object.keys(problems).length > 0) return { problems };
      return { input: { services: list.map((draft) => serviceInput(draft, props.currency)) } };
    },
    save: (input) => props.save(input),
    // A service's problem shows on its row, in the form's words for the field the API names.
    problemPath: (path) => {
      const match = /^services\.(\d+)(?:\.(\w+))?/.exec(path);
      const draft = match && drafts()[Number(match[1])];
      if (!draft) return '';
      rowFields.set(draft.key, FIELD_OF[match[2] ?? ''] ?? '');
      return draft.key;
    },
    problemMessage: (path, error) => problemOfField[path === '' ? '' : (rowFields.get(path) ?? '')](errorExtension(error, 'reason')),
  });

  const saveDraft = async (draft: ServiceDraft): Promise<SheetResult> => {
    setDrafts((list) =>
      list.some((other) => other.key === draft.key) ? list.map((other) => (other.key === draft.key ? draft : other)) : [...list, draft],
    );
    form.clearProblem(draft.key);
    form.clearProblem('');
    setEditing(undefined);
    return { ok: true };
  };
  const removeDraft = async (draft: ServiceDraft): Promise<SheetResult> => {
    setDrafts((list) => list.filter((other) => other.key !== draft.key));
    form.clearProblem(draft.key);
    setEditing(undefined);
    return { ok: true };
  };

  return (
    <div class="services-editor__page">
      <ServiceRows
        drafts={drafts()}
        currency={props.currency}
        problem={form.problem}
        onOpen={(draft) => setEditing({ draft })}
        onAdd={() => setEditing({ draft: undefined })}
      />
      <FieldError message={form.problem('')} />
      <Show when={form.failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>
      <Show when={editing()}>
        {(open) => (
          <ServiceSheet
            draft={open().draft}
            currency={props.currency}
            services={drafts()}
            canSwitchOff={false}
            onSave={saveDraft}
            onRemove={open().draft ? removeDraft : undefined}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>
    </div>
  );
}

interface ServicesSettingsProps {
  profile: MasterProfile;
  /** Fetches the profile again after a change. */
  reload: () => Promise<unknown>;
  /** The main button: back to the settings. */
  onDone: () => void;
}

/** The API's field problems of a refused service change, where the sheet shows them. */
function sheetProblems(error: CombinedError): SheetResult {
  const problems: Partial<Record<SheetField, string>> = {};
  const reason = errorExtension(error, 'reason');
  for (const path of Object.keys(fieldProblems(error))) {
    const field = FIELD_OF[path] ?? '';
    problems[field] = problemOfField[field](reason);
  }
  return { ok: false, problems, message: saveErrorMessage(error) };
}

/**
 * Settings: the master's services, each change saved at once: a new service is created, an edited
 * one updated (switched off and on included), a removed one archived.
 */
export function ServicesSettings(props: ServicesSettingsProps) {
  const client = useClient();
  const [editing, setEditing] = createSignal<Editing>();
  const [message, setMessage] = createSignal<string>();
  const currency = () => props.profile.city?.currency;
  // Offered now and switched off for a while, in the master's order.
  const services = () => props.profile.services;
  const drafts = () => services().map((service) => draftOf(service, locale()));

  useMainButton({ text: () => tm().settings.done, visible: () => !editing(), onClick: () => props.onDone() });

  const done = async (text: string) => {
    notifyHaptic('success');
    await props.reload();
    setEditing(undefined);
    setMessage(text);
  };

  const save = async (draft: ServiceDraft): Promise<SheetResult> => {
    const code = currency();
    if (!code) return { ok: false };
    const { id: _id, ...fields } = serviceInput(draft, code);
    setMessage(undefined);
    if (!draft.id) {
      const result = await client.mutation(CreateMasterServiceMutation, { input: fields }).toPromise();
      if (!result.data) return sheetProblems(result.error ?? missingDataError());
      await done(tm().services.added);
      return { ok: true };
    }
    const before = services().find((service) => service.id === draft.id);
    const result = await client
      .mutation(UpdateMasterServiceMutation, { input: { id: draft.id, ...fields, isActive: draft.isActive } })
      .toPromise();
    const saved = result.data?.updateMasterService;
    if (!saved) return sheetProblems(result.error ?? missingDataError());
    const switched = before && before.isActive !== saved.isActive;
    await done(switched ? (saved.isActive ? tm().services.switchedOn : tm().services.switchedOff) : tm().services.saved);
    return { ok: true };
  };

  const remove = async (draft: ServiceDraft): Promise<SheetResult> => {
    if (!draft.id) return { ok: false };
    setMessage(undefined);
    const result = await client.mutation(ArchiveMasterServiceMutation, { input: { id: draft.id } }).toPromise();
    if (!result.data) return { ok: false, message: saveErrorMessage(result.error ?? missingDataError()) };
    await done(tm().services.removed);
    return { ok: true };
  };

  return (
    <Show when={currency()} fallback={<CityFirst locationHref="/master/settings/location" />}>
      {(code) => (
        <div class="services-editor__page">
          <Show when={message()}>{(text) => <Notice tone="success">{text()}</Notice>}</Show>
          <ServiceRows
            drafts={drafts()}
            currency={code()}
            onOpen={(draft) => {
              setMessage(undefined);
              setEditing({ draft });
            }}
            onAdd={() => {
              setMessage(undefined);
              setEditing({ draft: undefined });
            }}
          />
          <Show when={editing()}>
            {(open) => (
              <ServiceSheet
                draft={open().draft}
                currency={code()}
                services={drafts()}
                canSwitchOff={Boolean(open().draft)}
                onSave={save}
                onRemove={open().draft ? remove : undefined}
                onClose={() => setEditing(undefined)}
              />
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}
