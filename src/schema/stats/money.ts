/** `Money`: a computed amount (a sum or total), which unlike a reported amount has no reported text. */
import type { CurrencyCode as CurrencyValue } from '../../domain.ts';
import { minorToDecimal } from '../../money.ts';
import { builder } from '../builder.ts';
import { CurrencyCode } from '../enums.ts';

export interface MoneyShape {
  minor: number;
  currencyCode: CurrencyValue;
}

export const Money = builder.objectRef<MoneyShape>('Money').implement({
  description: 'An exact amount computed by Dossier (a sum or a total) in one currency.',
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      description: 'The exact amount, e.g. "19000100.00".',
      resolve: (m) => minorToDecimal(m.minor, m.currencyCode),
    }),
    currencyCode: t.field({ type: CurrencyCode, description: 'The currency.', resolve: (m) => m.currencyCode }),
  }),
});
