import { createQuery } from '@urql/solid';
import { ServicesQuery } from '@zapis/schema';
import { createSignal, createUniqueId, For, Match, Show, Switch, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import { formatDuration } from '../../format/duration.ts';
import { currencySign } from '../../format/money.ts';
import { locale, t } from '../../i18n/index.ts';
import { tm } from '../../i18n/master.ts';
import { ErrorState } from '../ErrorState/ErrorState.tsx';
import { Field, FieldError } from '../Field/Field.tsx';
import { Loading } from '../Loading/Loading.tsx';
import { Notice } from '../Notice/Notice.tsx';
import { ServicePicker } from '../ServicePicker/ServicePicker.tsx';
import { Sheet } from '../Sheet/Sheet.tsx';
import '../Form/Form.css';
import {
  type DraftProblem,
  draftProblems,
  durationChoices,
  newDraft,
  type ServiceDraft,
  type ServiceKind,
  shownName,
} from './serviceDraft.ts';

/** Fields a sheet shows a problem at; '' is the service as a whole. */
export type SheetField = DraftProblem | 'duration' | 'description' | 'kind' | '';

export type SheetResult = { ok: true } | { ok: false; problems?: Partial<Record<SheetField, string>>; message?: string };

interface ServiceSheetProps {
  /** The service to edit; a new one starts with choosing its kind. */
  draft: ServiceDraft | undefined;
  /** The city's currency, which prices are typed in. */
  currency: string;
  /** The master's services, for telling names apart. */
  services: readonly ServiceDraft[];
  /** Offers "taking bookings" on and off (settings: a saved service). */
  canSwitchOff: boolean;
  /** Saves the draft (into the list, or through the API); problems keep the sheet open. */
  onSave: (draft: ServiceDraft) => Promise<SheetResult>;
  /** Removes a service already in the list; absent for a new one. */
  onRemove?: (draft: ServiceDraft) => Promise<SheetResult>;
  onClose: () => void;
}

const problemMessage = (problem: DraftProblem) => (problem === 'price' ? tm().validation.price : tm().validation.serviceName);

/** One service in a sheet over the list: its kind from the catalogue, name, price, duration, description. */
export function ServiceSheet(props: ServiceSheetProps) {
  const initial = untrack(() => props.draft);
  const [draft, setDraft] = createStore<ServiceDraft>(initial ? { ...initial, kind: { ...initial.kind } } : placeholder());
  const [pickingKind, setPickingKind] = createSignal(!initial);
  const [problems, setProblems] = createSignal<Partial<Record<SheetField, string>>>({});
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [confirmingRemove, setConfirmingRemove] = createSignal(false);
  const ids = {
    kind: createUniqueId(),
    name: createUniqueId(),
    price: createUniqueId(),
    duration: createUniqueId(),
    description: createUniqueId(),
    active: createUniqueId(),
  };

  const title = () => (initial ? shownName(draft) : tm().services.newTitle);
  const clear = (field: SheetField) => {
    if (!(field in problems())) return;
    const { [field]: _cleared, ...rest } = problems();
    setProblems(rest);
    if (Object.keys(rest).length === 0) setFailure(undefined);
  };

  const chooseKind = (kind: ServiceKind) => {
    if (initial || draft.kind.id) setDraft('kind', kind);
    else setDraft(newDraft(kind));
    setPickingKind(false);
    clear('kind');
    clear('name');
  };

  const run = async (action: () => Promise<SheetResult>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await action();
      if (!result.ok) {
        setProblems(result.problems ?? {});
        setFailure(result.message ?? t().errors.checkFields);
      }
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const found = draftProblems(draft, props.services, props.currency);
    if (found.length > 0) {
      setProblems(Object.fromEntries(found.map((problem) => [problem, problemMessage(problem)])));
      setFailure(t().errors.checkFields);
      return;
    }
    void run(() => props.onSave({ ...draft, kind: { ...draft.kind } }));
  };

  return (
    <Sheet title={title()} onClose={() => props.onClose()}>
      <Show
        when={!pickingKind()}
        fallback={<KindPicker labelledBy={ids.kind} selectedId={draft.kind.id || undefined} onSelect={chooseKind} />}
      >
        <div class="service-sheet">
          <div class="service-sheet__kind">
            <span class="service-sheet__kind-text">
              <span class="service-sheet__kind-label" id={ids.kind}>
                {tm().services.kind}
              </span>
              <span class="service-sheet__kind-name">{draft.kind.name}</span>
            </span>
            <button type="button" class="link-button" aria-describedby={ids.kind} onClick={() => setPickingKind(true)}>
              {tm().services.changeKind}
            </button>
          </div>

          <Field label={tm().services.name} for={ids.name} hint={tm().services.nameHint(draft.kind.name)} error={problems().name}>
            <input
              id={ids.name}
              class="input"
              type="text"
              maxLength={80}
              autocomplete="off"
              placeholder={draft.kind.name}
              value={draft.name}
              aria-invalid={Boolean(problems().name)}
              onInput={(event) => {
                setDraft('name', event.currentTarget.value);
                clear('name');
              }}
            />
          </Field>

          <div class="service-sheet__row">
            <Field label={tm().services.price} for={ids.price}>
              <span class="service-sheet__price">
                <input
                  id={ids.price}
                  class="input"
                  type="text"
                  inputmode="decimal"
                  autocomplete="off"
                  placeholder="0"
                  value={draft.price}
                  aria-invalid={Boolean(problems().price)}
                  onInput={(event) => {
                    setDraft('price', event.currentTarget.value);
                    clear('price');
                  }}
                />
                <span class="service-sheet__currency" aria-hidden="true">
                  {currencySign(props.currency, locale())}
                </span>
              </span>
            </Field>
            <Field label={tm().services.duration} for={ids.duration}>
              <select
                id={ids.duration}
                class="input"
                value={draft.durationMinutes}
                aria-invalid={Boolean(problems().duration)}
                onChange={(event) => {
                  setDraft('durationMinutes', Number(event.currentTarget.value));
                  clear('duration');
                }}
              >
                <For each={durationChoices(draft)}>{(minutes) => <option value={minutes}>{formatDuration(minutes, locale())}</option>}</For>
              </select>
            </Field>
          </div>
          <FieldError message={problems().price ?? problems().duration} />
          <p class="field__hint service-sheet__usual">
            {tm().services.usually(formatDuration(draft.kind.defaultDurationMinutes, locale()))}
          </p>

          <Field label={tm().services.description} for={ids.description} hint={tm().services.optional} error={problems().description}>
            <textarea
              id={ids.description}
              class="input"
              rows={3}
              maxLength={500}
              placeholder={tm().services.descriptionPlaceholder}
              value={draft.description}
              onInput={(event) => {
                setDraft('description', event.currentTarget.value);
                clear('description');
              }}
            />
          </Field>

          <Show when={props.canSwitchOff}>
            <div class="service-sheet__active">
              <div class="form__switch-row">
                <span id={ids.active}>{tm().services.active}</span>
                <button
                  type="button"
                  role="switch"
                  class="switch"
                  aria-checked={draft.isActive}
                  aria-labelledby={ids.active}
                  onClick={() => setDraft('isActive', !draft.isActive)}
                />
              </div>
              <p class="field__hint">{tm().services.activeHint}</p>
            </div>
          </Show>

          <FieldError message={problems().kind ?? problems()['']} />
          <Show when={failure()}>{(message) => <Notice tone="error">{message()}</Notice>}</Show>

          <Show
            when={confirmingRemove()}
            fallback={
              <div class="service-sheet__actions">
                <button type="button" class="button" disabled={busy()} aria-busy={busy()} onClick={save}>
                  {initial ? tm().services.save : tm().services.addToList}
                </button>
                <Show when={props.onRemove}>
                  <button type="button" class="button button--destructive" disabled={busy()} onClick={() => setConfirmingRemove(true)}>
                    {tm().services.remove}
                  </button>
                </Show>
              </div>
            }
          >
            <div class="service-sheet__confirm" role="alertdialog" aria-label={tm().services.remove}>
              <p>{tm().services.removeConfirm(shownName(draft))}</p>
              <div class="service-sheet__confirm-actions">
                <button type="button" class="button button--secondary" onClick={() => setConfirmingRemove(false)}>
                  {t().common.cancel}
                </button>
                <button
                  type="button"
                  class="button service-sheet__remove"
                  disabled={busy()}
                  onClick={() => void run(() => props.onRemove!({ ...draft, kind: { ...draft.kind } }))}
                >
                  {tm().services.removeConfirmButton}
                </button>
              </div>
            </div>
          </Show>
        </div>
      </Show>
    </Sheet>
  );
}

/** A draft with no kind yet: the sheet asks for one first. */
function placeholder(): ServiceDraft {
  return newDraft({ id: '', name: '', category: '', defaultDurationMinutes: 60 });
}

/** The service catalogue by category: what kind of service this is, as clients search for it. */
function KindPicker(props: { labelledBy: string; selectedId: string | undefined; onSelect: (kind: ServiceKind) => void }) {
  const [catalog, refetch] = createQuery({ query: ServicesQuery, variables: () => ({ first: 100 }) });
  const kinds = () => catalog.data?.services.edges.map((edge) => edge.node);
  return (
    <div class="service-sheet">
      <div class="service-sheet__intro">
        <p class="service-sheet__question" id={props.labelledBy}>
          {tm().services.chooseKind}
        </p>
        <p class="hint">{tm().services.chooseKindHint}</p>
      </div>
      <Switch fallback={<Loading />}>
        <Match when={kinds()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="hint">{tm().services.catalogEmpty}</p>}>
              <ServicePicker labelledBy={props.labelledBy} services={list()} selectedId={props.selectedId} onSelect={props.onSelect} />
            </Show>
          )}
        </Match>
        <Match when={catalog.error}>
          {(error) => <ErrorState error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        </Match>
      </Switch>
    </div>
  );
}
