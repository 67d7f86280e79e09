/** `fundingItems(filter, orderBy)`: the funding list with its filter and orderings. */
import { sql } from 'drizzle-orm';
import { fundingItemFlags, fundingItems } from '../db/schema.ts';
import type {
  CurrencyCode as CurrencyValue,
  DataQualityFlag as FlagValue,
  ReviewStatus as ReviewValue,
  FundingStage as StageValue,
} from '../domain.ts';
import { builder } from './builder.ts';
import { CurrencyCode, DataQualityFlag, FundingStage, ReviewStatus } from './enums.ts';
import { inList, isActor, reportedBy } from './lists/conditions.ts';
import { type Conditions, keyOf, type Logical } from './lists/filtering.ts';
import {
  amountWithin,
  DateRange,
  type DateRangeInput,
  fuzzyOverlaps,
  MoneyRange,
  type MoneyRangeInput,
} from './lists/inputs.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface FundingItemFilterInput extends Logical<FundingItemFilterInput> {
  currencyCode?: CurrencyValue | null;
  amount?: MoneyRangeInput | null;
  stage?: StageValue[] | null;
  funder?: string | null;
  period?: DateRangeInput | null;
  qualityFlag?: FlagValue | null;
  flagged?: boolean | null;
  measure?: string | null;
  article?: string | null;
  reviewStatus?: ReviewValue[] | null;
}

export const FundingItemFilter = builder.inputRef<FundingItemFilterInput>('FundingItemFilter').implement({
  description: 'Conditions on funding items; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [FundingItemFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [FundingItemFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: FundingItemFilter, description: 'This filter does not hold.' }),
    currencyCode: t.field({ type: CurrencyCode, description: 'In this currency.' }),
    amount: t.field({ type: MoneyRange, description: 'The normalised amount is in this range.' }),
    stage: t.field({ type: [FundingStage], description: 'The stage is one of these.' }),
    funder: t.id({ description: 'Provided by this actor (an Actor ID).' }),
    period: t.field({ type: DateRange, description: 'The period it covers overlaps this range.' }),
    qualityFlag: t.field({ type: DataQualityFlag, description: 'Carries this data-quality flag.' }),
    flagged: t.boolean({ description: 'true: carries any data-quality flag; false: carries none.' }),
    measure: t.id({ description: 'Funds this measure (a Measure ID).' }),
    article: t.id({ description: 'Reported by this article (an Article ID).' }),
    reviewStatus: t.field({ type: [ReviewStatus], description: 'The review status is one of these.' }),
  }),
});

const hasFlag = (itemId: unknown) =>
  sql`EXISTS (SELECT 1 FROM ${fundingItemFlags} WHERE ${fundingItemFlags.fundingItemId} = ${itemId}`;

export const fundingConditions: Conditions<FundingItemFilterInput, typeof fundingItems> = {
  currencyCode: (code, f) => sql`${f.currencyCode} = ${code}`,
  amount: (range, f, path) => amountWithin(f.currencyCode, f.amountMinor, range, path),
  stage: (values, f) => inList(f.stage, values),
  funder: (id, f, path) => isActor(f.funderId, id, path),
  period: (range, f, path) => fuzzyOverlaps(f.periodEarliest, f.periodLatest, range, path),
  qualityFlag: (flag, f) => sql`${hasFlag(f.id)} AND ${fundingItemFlags.flag} = ${flag})`,
  flagged: (flagged, f) => (flagged ? sql`${hasFlag(f.id)})` : sql`NOT ${hasFlag(f.id)})`),
  measure: (id, f, path) => sql`${f.measureId} = ${keyOf(id, 'Measure', path)}`,
  article: (id, f, path) => reportedBy('fundingItemId', f.id, id, path),
  reviewStatus: (values, f) => inList(f.reviewStatus, values),
};

export const FundingItemOrder = defineOrder(
  'FundingItemOrder',
  'The order of a list of funding items.',
  {
    KEY: { description: 'By key.', ordering: columns('id') },
    AMOUNT: {
      description: 'By currency, then normalised amount (amounts in different currencies are never compared).',
      ordering: columns('currencyCode', 'amountMinor', 'id'),
    },
    PERIOD: {
      description: 'By the start of the period covered; items without one sort after all others.',
      ordering: (direction) => ({
        orderBy: { periodSort: direction, id: direction },
        extras: { periodSort: (f) => sql`coalesce(${f.periodEarliest}, '9999-12-31')` },
      }),
    },
  },
  { field: 'KEY', direction: 'asc' },
);

rootList('fundingItems', {
  type: 'fundingItems',
  table: fundingItems,
  description: 'Money reported in the news, as reported and normalised.',
  filter: { ref: FundingItemFilter, conditions: fundingConditions },
  order: FundingItemOrder,
});
