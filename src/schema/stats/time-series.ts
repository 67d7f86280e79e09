/**
 * `timeSeries`: counts (or funding sums) per calendar bucket, grouped in SQL, returned as the flat
 * `{ time, timestamp, key, value, count }` rows Grafana, Observable Plot and Retool read. Every
 * bucket in [from, to) is present, empty ones with zero. Fuzzy dates count in the bucket of their
 * earliest day.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.ts';
import { articles, fundingItems, measures, positions, quotes } from '../../db/schema.ts';
import {
  CURRENCY_MINOR_UNITS,
  type CurrencyCode as CurrencyValue,
  FUNDING_STAGES,
  MEASURE_STATUSES,
  MEASURE_TYPES,
  STANCES,
} from '../../domain.ts';
import { MAX_SUM_MINOR, minorToDecimal } from '../../money.ts';
import { ArticleFilter, type ArticleFilterInput, articleConditions } from '../article-list.ts';
import { builder } from '../builder.ts';
import { describedEnum } from '../described-enum.ts';
import { FundingItemFilter, type FundingItemFilterInput, fundingConditions } from '../funding-list.ts';
import { badArgument } from '../lists/errors.ts';
import { compileListFilter, type FilterScope } from '../lists/filtering.ts';
import { MeasureFilter, type MeasureFilterInput, measureConditions } from '../measure-list.ts';
import { PositionFilter, type PositionFilterInput, positionConditions } from '../position-list.ts';
import { PRICE } from '../pricing.ts';
import { QuoteFilter, type QuoteFilterInput, quoteConditions } from '../quote-list.ts';
import { type Bucket, bucketStartSql, bucketsBetween, epochMillis } from './buckets.ts';
import { exactSums, sumMinor } from './money.ts';

export const MAX_BUCKETS = 1000;
/** Series (keys of `groupBy`) one time series may split into. */
export const MAX_SERIES = 100;
/** Points (series × buckets) one time series returns at most: it is priced at that (the cost model). */
export const MAX_POINTS = 10_000;

/** Groupings with a closed set of values (plus null): how many series they can give at most. */
const CLOSED_GROUPS: Record<string, number> = {
  STATUS: MEASURE_STATUSES.length + 1,
  TYPE: MEASURE_TYPES.length + 1,
  CURRENCY: Object.keys(CURRENCY_MINOR_UNITS).length,
  STAGE: FUNDING_STAGES.length + 1,
  STANCE: STANCES.length + 1,
};

/**
 * The price of a time series: the points it can return, series × buckets, at most MAX_POINTS.
 * Arguments the resolver refuses cost nothing here; the resolver names what is wrong.
 */
function pointsAtMost(args: Args): number {
  if (!(args.from < args.to)) return 0;
  const buckets = bucketsBetween(args.bucket as Bucket, args.from, args.to, MAX_BUCKETS);
  if (!buckets) return 0;
  const grouped =
    args.groupBy ?? (args.metric === 'AMOUNT' && !args.filter?.fundingItems?.currencyCode ? 'CURRENCY' : null);
  const series = grouped ? Math.min(CLOSED_GROUPS[grouped] ?? MAX_SERIES, MAX_SERIES) : 1;
  return Math.min(series * buckets.length, MAX_POINTS);
}

interface EntitySpec {
  table: SQLiteTable;
  filterArg: keyof TimeSeriesFilterInput;
  /** The entity's own member of `filter`, compiled on its table (REJECTED facts left out). */
  where: (filter: TimeSeriesFilterInput | null | undefined, scope: FilterScope) => SQL | undefined;
  dates: Record<string, SQLWrapper>;
  groups: Record<string, SQLWrapper>;
}

const publishedOfQuote = sql`(SELECT ${articles.publishedOn} FROM ${articles} WHERE ${articles.id} = ${quotes.articleId})`;

const ENTITIES: Record<string, EntitySpec> = {
  ARTICLES: {
    table: articles,
    filterArg: 'articles',
    where: (f, scope) => compileListFilter(f?.articles, articles, articleConditions, scope, 'filter.articles'),
    dates: { PUBLISHED: articles.publishedOn },
    groups: { PUBLISHER: articles.publisher },
  },
  MEASURES: {
    table: measures,
    filterArg: 'measures',
    where: (f, scope) => compileListFilter(f?.measures, measures, measureConditions, scope, 'filter.measures'),
    dates: {
      ANNOUNCED: measures.announcedEarliest,
      EXPECTED: measures.expectedEarliest,
      DEADLINE: measures.deadlineEarliest,
    },
    groups: { STATUS: measures.status, TYPE: measures.type, PROPOSER: measures.proposerId },
  },
  FUNDING_ITEMS: {
    table: fundingItems,
    filterArg: 'fundingItems',
    where: (f, scope) =>
      compileListFilter(f?.fundingItems, fundingItems, fundingConditions, scope, 'filter.fundingItems'),
    dates: { PERIOD: fundingItems.periodEarliest },
    groups: { CURRENCY: fundingItems.currencyCode, STAGE: fundingItems.stage, FUNDER: fundingItems.funderId },
  },
  QUOTES: {
    table: quotes,
    filterArg: 'quotes',
    where: (f, scope) => compileListFilter(f?.quotes, quotes, quoteConditions, scope, 'filter.quotes'),
    dates: { PUBLISHED: publishedOfQuote },
    groups: { SPEAKER: quotes.speakerId },
  },
  POSITIONS: {
    table: positions,
    filterArg: 'positions',
    where: (f, scope) => compileListFilter(f?.positions, positions, positionConditions, scope, 'filter.positions'),
    dates: { STATED: positions.statedEarliest },
    groups: { STANCE: positions.stance, QUESTION: positions.question, ACTOR: positions.actorId },
  },
};

const Entity = describedEnum('TimeSeriesEntity', 'What a time series counts.', {
  ARTICLES: 'Articles, by publication day.',
  MEASURES: 'Measures, by announced (default), expected or deadline date.',
  FUNDING_ITEMS: 'Funding items, by the start of the period they cover.',
  QUOTES: 'Quotes, by the publication day of their article.',
  POSITIONS: 'Positions, by when they were stated.',
});
const Metric = describedEnum('TimeSeriesMetric', 'What each point measures.', {
  COUNT: 'How many items fall in the bucket.',
  AMOUNT: 'The sum of funding amounts in the bucket, in major units (funding items only; one currency per series).',
});
const BucketEnum = describedEnum('TimeBucket', 'The width of a time bucket, in UTC; weeks start on Monday.', {
  DAY: 'One day.',
  WEEK: 'One ISO week, Monday to Sunday.',
  MONTH: 'One calendar month.',
  QUARTER: 'One calendar quarter.',
  YEAR: 'One calendar year.',
});
const DateField = describedEnum('TimeSeriesDateField', 'Which date of an item places it in time.', {
  PUBLISHED: 'Publication day (articles, quotes).',
  ANNOUNCED: 'When announced (measures; the default for them).',
  EXPECTED: 'When expected (measures).',
  DEADLINE: 'The deadline (measures).',
  PERIOD: 'The start of the period covered (funding items).',
  STATED: 'When stated (positions).',
});
const GroupBy = describedEnum('TimeSeriesGroupBy', 'What splits a time series into several keyed series.', {
  PUBLISHER: 'The publisher (articles).',
  STATUS: 'The status (measures).',
  TYPE: 'The type (measures).',
  PROPOSER: 'The proposer key (measures).',
  CURRENCY: 'The currency (funding items).',
  STAGE: 'The stage (funding items).',
  FUNDER: 'The funder key (funding items).',
  SPEAKER: 'The speaker key (quotes).',
  STANCE: 'The stance (positions).',
  QUESTION: 'The policy question (positions).',
  ACTOR: 'The actor key (positions).',
});

interface TimeSeriesFilterInput {
  articles?: ArticleFilterInput | null;
  measures?: MeasureFilterInput | null;
  fundingItems?: FundingItemFilterInput | null;
  quotes?: QuoteFilterInput | null;
  positions?: PositionFilterInput | null;
}

const TimeSeriesFilter = builder.inputRef<TimeSeriesFilterInput>('TimeSeriesFilter').implement({
  description: 'A filter for the entity counted; give only the one that matches `entity`.',
  fields: (t) => ({
    articles: t.field({ type: ArticleFilter, description: 'For ARTICLES.' }),
    measures: t.field({ type: MeasureFilter, description: 'For MEASURES.' }),
    fundingItems: t.field({ type: FundingItemFilter, description: 'For FUNDING_ITEMS.' }),
    quotes: t.field({ type: QuoteFilter, description: 'For QUOTES.' }),
    positions: t.field({ type: PositionFilter, description: 'For POSITIONS.' }),
  }),
});

export interface TimeSeriesPoint {
  time: string;
  timestamp: number;
  key: string | null;
  value: number;
  /** The exact summed amount in major units, for the AMOUNT metric; null for COUNT. */
  amount: string | null;
  count: number;
}

const Point = builder.objectRef<TimeSeriesPoint>('TimeSeriesPoint').implement({
  description: 'One bucket of one series: a flat row for charting.',
  fields: (t) => ({
    time: t.field({ type: 'Date', description: 'The first day of the bucket (UTC).', resolve: (p) => p.time }),
    timestamp: t.exposeFloat('timestamp', {
      description: 'The first instant of the bucket, in epoch milliseconds (UTC).',
    }),
    key: t.exposeString('key', { nullable: true, description: 'The series: the group value, null when not grouped.' }),
    value: t.exposeFloat('value', {
      description:
        'The metric as a number for charts: the count, or the summed amount in major units (a float: past 2^53 minor units it is rounded; `amount` is exact).',
    }),
    amount: t.field({
      type: 'Decimal',
      nullable: true,
      description: `The exact summed amount in major units, e.g. "18500000.00", for the AMOUNT metric (exact up to ${MAX_SUM_MINOR} minor units per point; past that the series is refused, never rounded); null for COUNT.`,
      resolve: (p) => p.amount,
    }),
    count: t.exposeInt('count', { description: 'How many items fall in the bucket.' }),
  }),
});

interface Args {
  entity: string;
  metric: string;
  bucket: string;
  from: string;
  to: string;
  dateField?: string | null;
  groupBy?: string | null;
  filter?: TimeSeriesFilterInput | null;
}

builder.queryField('timeSeries', (t) =>
  t.field({
    type: [Point],
    description: `Items per time bucket in [from, to), every bucket present (zero when empty): at most ${MAX_BUCKETS} buckets, ${MAX_SERIES} series and ${MAX_POINTS} points (series × buckets).`,
    extensions: { [PRICE]: (args: Record<string, unknown>) => pointsAtMost(args as unknown as Args) },
    args: {
      entity: t.arg({ type: Entity, required: true, description: 'What to count.' }),
      metric: t.arg({ type: Metric, defaultValue: 'COUNT', description: 'What each point measures (default COUNT).' }),
      bucket: t.arg({ type: BucketEnum, required: true, description: 'The width of each bucket.' }),
      from: t.arg({ type: 'Date', required: true, description: 'The first day covered (inclusive).' }),
      to: t.arg({ type: 'Date', required: true, description: 'The day after the last day covered (exclusive).' }),
      dateField: t.arg({
        type: DateField,
        description: "Which date places an item in time (default: the entity's first).",
      }),
      groupBy: t.arg({ type: GroupBy, description: 'Split into one series per value of this.' }),
      filter: t.arg({ type: TimeSeriesFilter, description: 'Only items matching this filter.' }),
    },
    resolve: (_root, args, ctx) => timeSeries(ctx.db, args as Args, ctx),
  }),
);

/** Checks the arguments, counts per bucket in one GROUP BY, then fills in the empty buckets. */
async function timeSeries(db: Db, args: Args, scope: FilterScope): Promise<TimeSeriesPoint[]> {
  const spec = entityOf(args);
  const buckets = bucketsOf(args);
  const date = dateColumnOf(spec, args);
  checkFilterFits(spec, args);
  const series = seriesOf(spec, args);
  const filter = spec.where(args.filter, scope);
  const rows = await bucketRows(db, spec, args, date, series.group, filter);
  return fillBuckets(rows, buckets, series, args.metric);
}

function entityOf(args: Args): EntitySpec {
  const spec = ENTITIES[args.entity];
  if (!spec) throw badArgument('entity', `unknown entity ${args.entity}.`);
  return spec;
}

/** Only the filter of the entity counted may be given. */
function checkFilterFits(spec: EntitySpec, args: Args): void {
  const other = Object.entries(args.filter ?? {}).find(([name, value]) => value != null && name !== spec.filterArg);
  if (other) throw badArgument(`filter.${other[0]}`, `does not apply to ${args.entity}; use filter.${spec.filterArg}.`);
}

/** The first day of every bucket in [from, to), at most MAX_BUCKETS of them. */
function bucketsOf(args: Args): string[] {
  if (args.from >= args.to) throw badArgument('to', `must be after \`from\` (${args.from}); got ${args.to}.`);
  const buckets = bucketsBetween(args.bucket as Bucket, args.from, args.to, MAX_BUCKETS);
  if (!buckets) {
    throw badArgument(
      'bucket',
      `${args.from} to ${args.to} in ${args.bucket} buckets is more than ${MAX_BUCKETS}; use a wider bucket.`,
    );
  }
  return buckets;
}

function dateColumnOf(spec: EntitySpec, args: Args): SQLWrapper {
  const dateName = args.dateField ?? Object.keys(spec.dates)[0] ?? '';
  const date = spec.dates[dateName];
  if (!date) {
    throw badArgument(
      'dateField',
      `${args.entity} has no ${dateName} date; use one of ${Object.keys(spec.dates).join(', ')}.`,
    );
  }
  return date;
}

interface Series {
  /** The column that splits the series, if any. */
  group: SQLWrapper | undefined;
  /** The one currency of every series, when the filter names it. */
  currency: CurrencyValue | null;
}

/** How the points split into series; summed amounts are always one currency per series. */
function seriesOf(spec: EntitySpec, args: Args): Series {
  const currency = args.filter?.fundingItems?.currencyCode ?? null;
  let groupName = args.groupBy ?? null;
  if (args.metric === 'AMOUNT') {
    if (args.entity !== 'FUNDING_ITEMS') throw badArgument('metric', 'AMOUNT applies to FUNDING_ITEMS only.');
    // Amounts in different currencies are never added: one currency per series.
    if (!currency) {
      if (groupName && groupName !== 'CURRENCY') {
        throw badArgument(
          'groupBy',
          'summing amounts needs one currency per series: group by CURRENCY or filter by currencyCode.',
        );
      }
      groupName = 'CURRENCY';
    }
  }
  const group = groupName ? spec.groups[groupName] : undefined;
  if (groupName && !group) throw badArgument('groupBy', `${args.entity} cannot be grouped by ${groupName}.`);
  return { group, currency };
}

interface BucketRow {
  time: string;
  key: string | null;
  count: number;
  /** The sum of minor units as a digit string (exact past 2^53), or null when not summing. */
  amount: string | null;
}

/** One row per non-empty (bucket, key), counted and summed by the database. */
async function bucketRows(
  db: Db,
  spec: EntitySpec,
  args: Args,
  date: SQLWrapper,
  group: SQLWrapper | undefined,
  filter: SQL | undefined,
): Promise<BucketRow[]> {
  const start = bucketStartSql(args.bucket as Bucket, date);
  const amount = args.metric === 'AMOUNT' ? sumMinor(fundingItems.amountMinor) : sql`NULL`;
  return (await exactSums('filter', () =>
    db.all(sql`SELECT ${start} AS time, ${group ?? sql`NULL`} AS key, count(*) AS count, ${amount} AS amount
    FROM ${spec.table}
    WHERE ${date} >= ${args.from} AND ${date} < ${args.to}${filter ? sql` AND ${filter}` : sql``}
    GROUP BY 1, 2 LIMIT ${MAX_POINTS + 1}`),
  )) as BucketRow[];
}

/** Every bucket of every series, zero where the database found nothing; amounts in major units. */
function fillBuckets(rows: BucketRow[], buckets: string[], series: Series, metric: string): TimeSeriesPoint[] {
  const currencyOf = (key: string | null) => (series.currency ?? key) as CurrencyValue;
  const found = new Map(rows.map((r) => [`${r.key}\u0000${r.time}`, r]));
  const keys = series.group ? [...new Set(rows.map((r) => r.key))].sort() : [null];
  if (keys.length > MAX_SERIES) {
    throw badArgument('groupBy', `splits into more than ${MAX_SERIES} series; filter the items or group by less.`);
  }
  if (rows.length > MAX_POINTS || keys.length * buckets.length > MAX_POINTS) {
    throw badArgument(
      'bucket',
      `${keys.length} series × ${buckets.length} buckets is more than ${MAX_POINTS} points; use a wider bucket, a shorter range or a filter.`,
    );
  }
  return keys.flatMap((key) =>
    buckets.map((time): TimeSeriesPoint => {
      const row = found.get(`${key}\u0000${time}`);
      const count = row?.count ?? 0;
      // The decimal is exact; the float for charts is read from it, so it rounds once, at the end.
      const amount = metric === 'AMOUNT' ? minorToDecimal(row?.amount ?? '0', currencyOf(key)) : null;
      const value = amount === null ? count : Number(amount);
      return { time, timestamp: epochMillis(time), key: key == null ? null : String(key), value, amount, count };
    }),
  );
}
