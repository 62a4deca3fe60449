import { builder } from '../../builder.js';

/** An amount of money as the database keeps it: minor units of an ISO 4217 currency. */
export interface MoneyValue {
  amountMinor: number;
  currency: string;
}

export const MoneyRef = builder.objectRef<MoneyValue>('Money').implement({
  description:
    "An amount in the minor units of its currency, as the Unicode CLDR counts them (`Intl.NumberFormat`'s " +
    '`maximumFractionDigits`): 150000 RUB is 1 500 ₽, 4500 GEL is 45 ₾.',
  fields: (t) => ({
    amountMinor: t.exposeInt('amountMinor'),
    currency: t.exposeString('currency', { description: 'ISO 4217 code: RUB, KZT, GEL, RSD, EUR…' }),
  }),
});

/** A price column pair as Money; null when the row has no price. */
export function moneyOf(row: { priceMinor: number | null; currency: string | null }): MoneyValue | null {
  return row.priceMinor === null || row.currency === null ? null : { amountMinor: row.priceMinor, currency: row.currency };
}
