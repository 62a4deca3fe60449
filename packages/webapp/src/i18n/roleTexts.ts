import { type Locale, locale } from './index.ts';

/**
 * The texts only one role's pages show, a chunk per locale, so that a client downloads none of the
 * master's texts and only the language in use. The role's layout loads them before it renders
 * (see `roleLayout` in roleLayout.tsx): its pages and components read them synchronously.
 */
export interface RoleTexts<Texts> {
  /** The texts in the current locale; only under the role's layout, which has loaded them. */
  (): Texts;
  /** Downloads the texts in `locale` once: `true` straight away when they are in already. */
  load(locale: Locale): true | Promise<true>;
}

export function roleTexts<Texts>(role: string, loaders: Record<Locale, () => Promise<Texts>>): RoleTexts<Texts> {
  const loaded: Partial<Record<Locale, Texts>> = {};
  const loading: Partial<Record<Locale, Promise<true>>> = {};

  const texts = (): Texts => {
    const current = loaded[locale()];
    if (!current) throw new Error(`The ${role} texts in "${locale()}" are not loaded: only the ${role}'s pages may read them`);
    return current;
  };
  const load = (target: Locale): true | Promise<true> => {
    if (loaded[target]) return true;
    loading[target] ??= loaders[target]().then(
      (texts) => {
        loaded[target] = texts;
        return true as const;
      },
      (error: unknown) => {
        delete loading[target];
        throw error;
      },
    );
    return loading[target];
  };
  return Object.assign(texts, { load });
}
