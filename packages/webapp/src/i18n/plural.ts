/** Russian plural form: 1 услуга, 2 услуги, 5 услуг. */
export function plural(count: number, one: string, few: string, many: string): string {
  const rule = new Intl.PluralRules('ru').select(count);
  return rule === 'one' ? one : rule === 'few' ? few : many;
}
