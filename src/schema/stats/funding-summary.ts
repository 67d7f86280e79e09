/**
 * `fundingSummary`: totals of reported funding, grouped in SQL. Currency is always a group key:
 * amounts in different currencies are never added together. Flagged items are counted and summed
 * alongside, so a dashboard can show "€19,000,100 as reported, 1 item flagged".
 */
import { sql } from 'drizzle-orm';
import { type actors, fundingItemFlags, fundingItems, type measures } from '../../db/schema.ts';
import type { CurrencyCode as CurrencyValue, FundingStage as StageValue } from '../../domain.ts';
import { MAX_SUM_MINOR } from '../../money.ts';
import { Actor } from '../actor.ts';
import { builder } from '../builder.ts';
import { CurrencyCode, FundingStage } from '../enums.ts';
import { FundingItemFilter, fundingConditions } from '../funding-list.ts';
import { compileListFilter } from '../lists/filtering.ts';
import { Measure } from '../measure.ts';
import { PRICE } from '../pricing.ts';
import { groupRows, MAX_GROUPS, rowsById } from './group-by.ts';
import { exactSums, Money, sumMinor } from './money.ts';

const FLAGGED = sql`EXISTS (SELECT 1 FROM ${fundingItemFlags} WHERE ${fundingItemFlags.fundingItemId} = ${fundingItems.id})`;

const dimensions = {
  currencyCode: { expression: sql`${fundingItems.currencyCode}` },
  stage: { expression: sql`${fundingItems.stage}` },
  funder: { expression: sql`${fundingItems.funderId}` },
  programme: { expression: sql`${fundingItems.programme}` },
  measure: { expression: sql`${fundingItems.measureId}` },
  periodYear: { expression: sql`CAST(strftime('%Y', ${fundingItems.periodEarliest}) AS INTEGER)` },
};
type Dimension = keyof typeof dimensions;

const FundingGroupBy = builder.enumType('FundingGroupBy', {
  description: 'What to group funding by, besides its currency (always a group).',
  values: {
    STAGE: { value: 'stage', description: 'The funding stage.' },
    FUNDER: { value: 'funder', description: 'Who provides the money.' },
    PROGRAMME: { value: 'programme', description: 'The programme or fund.' },
    MEASURE: { value: 'measure', description: 'The measure funded.' },
    PERIOD_YEAR: { value: 'periodYear', description: 'The year the period covered starts.' },
  } as const,
});

interface SummaryRow {
  currencyCode: CurrencyValue;
  stage?: StageValue | null;
  funder?: string | null;
  programme?: string | null;
  measure?: string | null;
  periodYear?: number | null;
  count: number;
  /** Sums of minor units as digit strings: exact past 2^53 (see ./money.ts). */
  totalMinor: string;
  flaggedCount: number;
  flaggedMinor: string;
  funderRow?: typeof actors.$inferSelect;
  measureRow?: typeof measures.$inferSelect;
}

const FundingSummaryRow = builder.objectRef<SummaryRow>('FundingSummaryRow').implement({
  description: 'One group of funding items: its keys (null when not grouped by), count and totals.',
  fields: (t) => ({
    currencyCode: t.field({
      type: CurrencyCode,
      description: 'The currency of every amount in the group.',
      resolve: (r) => r.currencyCode,
    }),
    stage: t.field({
      type: FundingStage,
      nullable: true,
      description: 'The stage, when grouped by it.',
      resolve: (r) => r.stage ?? null,
    }),
    funder: t.field({
      type: Actor,
      nullable: true,
      description: 'The funder, when grouped by it (null also for items whose funder is not reported).',
      resolve: (r) => r.funderRow ?? null,
    }),
    programme: t.string({
      nullable: true,
      description: 'The programme, when grouped by it.',
      resolve: (r) => r.programme ?? null,
    }),
    measure: t.field({
      type: Measure,
      nullable: true,
      description: 'The measure funded, when grouped by it.',
      resolve: (r) => r.measureRow ?? null,
    }),
    periodYear: t.int({
      nullable: true,
      description: 'The year the period starts, when grouped by it.',
      resolve: (r) => r.periodYear ?? null,
    }),
    count: t.exposeInt('count', { description: 'How many funding items are in the group.' }),
    total: t.field({
      type: Money,
      description: 'The sum of the normalised amounts as reported, flagged ones included.',
      resolve: (r) => ({ minor: r.totalMinor, currencyCode: r.currencyCode }),
    }),
    flaggedCount: t.exposeInt('flaggedCount', {
      description: 'How many items in the group carry a data-quality flag.',
    }),
    flaggedTotal: t.field({
      type: Money,
      description: 'The part of the total that comes from flagged items.',
      resolve: (r) => ({ minor: r.flaggedMinor, currencyCode: r.currencyCode }),
    }),
  }),
});

builder.queryField('fundingSummary', (t) =>
  t.field({
    type: [FundingSummaryRow],
    description: `Funding totals grouped in the database; currency is always a group key (at most ${MAX_GROUPS} groups). Totals are exact decimals at any size up to ${MAX_SUM_MINOR} minor units per group; a filter whose group would sum past that is refused (BAD_USER_INPUT naming \`filter\`), never rounded.`,
    extensions: { [PRICE]: MAX_GROUPS },
    args: {
      groupBy: t.arg({ type: [FundingGroupBy], defaultValue: [], description: 'Extra group keys, in order.' }),
      filter: t.arg({ type: FundingItemFilter, description: 'Only funding items matching every condition given.' }),
    },
    resolve: async (_root, args, ctx) => {
      const rows = await exactSums('filter', () =>
        groupRows<Dimension>(ctx.db, {
          from: sql`${fundingItems}`,
          where: compileListFilter(args.filter, fundingItems, fundingConditions, ctx),
          dimensions,
          always: ['currencyCode'],
          groupBy: (args.groupBy ?? []) as Dimension[],
          aggregates: {
            totalMinor: sumMinor(fundingItems.amountMinor),
            flaggedCount: sql`sum(${FLAGGED})`,
            flaggedMinor: sumMinor(sql`CASE WHEN ${FLAGGED} THEN ${fundingItems.amountMinor} ELSE 0 END`),
          },
        }),
      );
      const summary = rows as unknown as SummaryRow[];
      const funders = await rowsById(
        summary.map((r) => r.funder),
        (ids) => ctx.db.query.actors.findMany({ where: { id: { in: ids } } }),
      );
      const funded = await rowsById(
        summary.map((r) => r.measure),
        (ids) => ctx.db.query.measures.findMany({ where: { id: { in: ids } } }),
      );
      return summary.map((r) => ({
        ...r,
        funderRow: r.funder ? funders.get(r.funder) : undefined,
        measureRow: r.measure ? funded.get(r.measure) : undefined,
      }));
    },
  }),
);
