import type { MasterService } from '@zapis/schema';
import { amountInput, parseAmount } from '../../format/money.ts';
import type { Locale } from '../../i18n/index.ts';

/** The catalogue service a master's service belongs to: how clients find it. */
export interface ServiceKind {
  id: string;
  name: string;
  category: string;
  defaultDurationMinutes: number;
}

/** One of the master's services as the editor holds it: the fields as typed. */
export interface ServiceDraft {
  /** The saved service's id; none for one not saved yet. */
  id?: string;
  /** Tells drafts apart in a list, saved or not. */
  key: string;
  kind: ServiceKind;
  /** The master's own name; blank shows the catalogue's. */
  name: string;
  description: string;
  /** The price as typed, in the city's currency. */
  price: string;
  durationMinutes: number;
  isActive: boolean;
}

/** A service as `saveOnboardingStep`, `createMasterService` and `updateMasterService` take it. */
export interface ServiceInput {
  id?: string;
  serviceId: string;
  name: string | null;
  description: string | null;
  priceMinor: number;
  durationMinutes: number;
}

export type DraftProblem = 'price' | 'name';

/** The API's ceiling for a price, in minor units. */
const MAX_PRICE_MINOR = 100_000_000;

let nextKey = 0;
const newKey = () => `draft-${++nextKey}`;

export function draftOf(service: MasterService, locale: Locale): ServiceDraft {
  return {
    id: service.id,
    key: service.id,
    kind: service.service,
    name: service.ownName ?? '',
    description: service.description ?? '',
    price: amountInput(service.price.amountMinor, service.price.currency, locale),
    durationMinutes: service.durationMinutes,
    isActive: service.isActive,
  };
}

export function newDraft(kind: ServiceKind): ServiceDraft {
  return { key: newKey(), kind, name: '', description: '', price: '', durationMinutes: kind.defaultDurationMinutes, isActive: true };
}

/** What clients see as the service's name. */
export function shownName(draft: Pick<ServiceDraft, 'name' | 'kind'>): string {
  return draft.name.trim() || draft.kind.name;
}

/** Two services of one kind under the same name (a blank one is the catalogue's): clients could not tell them apart. */
function sameName(a: ServiceDraft, b: ServiceDraft): boolean {
  return a.kind.id === b.kind.id && a.name.trim().toLocaleLowerCase() === b.name.trim().toLocaleLowerCase();
}

/** What is wrong with a draft among the master's other services; the API checks the same again. */
export function draftProblems(draft: ServiceDraft, others: readonly ServiceDraft[], currency: string): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const priceMinor = parseAmount(draft.price, currency);
  if (priceMinor === undefined || priceMinor > MAX_PRICE_MINOR) problems.push('price');
  if (others.some((other) => other.key !== draft.key && sameName(draft, other))) problems.push('name');
  return problems;
}

/** The draft as the API takes it; call it once `draftProblems` has none. */
export function serviceInput(draft: ServiceDraft, currency: string): ServiceInput {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    serviceId: draft.kind.id,
    name: draft.name.trim() || null,
    description: draft.description.trim() || null,
    priceMinor: parseAmount(draft.price, currency) ?? 0,
    durationMinutes: draft.durationMinutes,
  };
}

/** Durations the editor offers, with the service's own and its kind's usual one among them. */
export function durationChoices(draft: Pick<ServiceDraft, 'durationMinutes' | 'kind'>): number[] {
  const usual = [15, 30, 45, 60, 75, 90, 105, 120, 150, 180, 210, 240, 300, 360, 420, 480];
  return [...new Set([...usual, draft.durationMinutes, draft.kind.defaultDurationMinutes])].sort((a, b) => a - b);
}
