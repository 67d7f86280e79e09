/**
 * Money aggregates stay exact past 2^53 minor units (where a JavaScript number stops counting
 * cents): made-up funding items written through the import path beside the real seed article,
 * then fundingSummary and timeSeries read over HTTP and checked against sums done in BigInt.
 * Past 2^63 − 1 minor units SQLite cannot add exactly: that is a clear error, not a rounding.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { validateImport } from '../src/ingest/validate.ts';
import { importArticles } from '../src/ingest/write.ts';
import { MAX_SUM_MINOR } from '../src/money.ts';
import { emptyDb, seededDb, serverFor } from './helpers.ts';
import { syntheticImportArticle } from './synthetic-article.ts';

interface SyntheticItem {
  /** The amount as the made-up sentence writes it, e.g. "€50,000,000,000,000". */
  written: string;
  /** The normalised decimal, e.g. "50000000000000.00". */
  amount: string;
  flagged: boolean;
}

/**
 * A clearly synthetic article in the import format: one sentence per funding item, each item's
 * evidence that sentence, every item's period the year 2031 (no real article reports a period then).
 */
function syntheticArticle(slug: string, items: SyntheticItem[]) {
  let body = '';
  const fundingItems = items.map((item, i) => {
    const sentence = `Synthetic test funding number ${i} is ${item.written}.`;
    const start = body.length + (body ? 1 : 0);
    body += (body ? '\n' : '') + sentence;
    return {
      id: `${slug}-funding-${i}`,
      reviewStatus: 'UNREVIEWED',
      provenance: 'EDITORS',
      evidence: [{ start, end: start + sentence.length, exact: sentence, role: 'MAIN_STATEMENT' }],
      purpose: 'Made up for a test of exact sums.',
      funder: null,
      stage: 'ANNOUNCED',
      programme: null,
      period: {
        earliest: '2031-01-01',
        latest: '2031-12-31',
        precision: 'YEAR',
        reportedText: 'in 2031',
        derivation: 'made up for a test',
      },
      reportedText: item.written,
      approximate: false,
      amount: item.amount,
      currencyCode: 'EUR',
      qualityFlags: item.flagged ? ['IMPLAUSIBLE_AMOUNT'] : [],
      qualityNote: item.flagged ? 'Made up: more than any budget.' : null,
      measure: null,
    };
  });
  const article = syntheticImportArticle({
    slug,
    headline: `Synthetic article ${slug}`,
    publishedOn: '2031-06-01',
    fundingItems,
  });
  return { json: article, body };
}

async function importSynthetic(db: Db, slug: string, items: SyntheticItem[]) {
  const result = await importArticles(db, validateImport({ articles: [syntheticArticle(slug, items)] }), {
    editor: 'test',
    operation: 'articleImport',
  });
  expect(result.problems).toEqual([]);
  expect(result.written).toBe(true);
}

/** Minor units (cents) → "123.45", in BigInt: the reference the API's answers must equal. */
const euros = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

// 5e15 + 4,007,199,254,740,993 + 2 cents = 2^53 + 3 cents: an odd sum no float can hold.
const BIG: SyntheticItem[] = [
  { written: '€50,000,000,000,000', amount: '50000000000000.00', flagged: true },
  { written: '€40,071,992,547,409.93', amount: '40071992547409.93', flagged: true },
  { written: '€0.02', amount: '0.02', flagged: false },
];
const BIG_CENTS = 5_000_000_000_000_000n + 4_007_199_254_740_993n + 2n;
/** The seed article's funding: €18.5 million, €500,000 and the flagged €100. */
const SEED_CENTS = 1_850_000_000n + 50_000_000n + 10_000n;

describe('exact money past 2^53 minor units', () => {
  it('fundingSummary adds the seed article and the synthetic items to the cent', async () => {
    const db = await seededDb();
    await importSynthetic(db, 'synthetic-exact-sums', BIG);
    expect(BIG_CENTS).toBe(2n ** 53n + 3n);

    const { data, errors } = await serverFor(db)(
      '{ fundingSummary { currencyCode count total { amount currencyCode } flaggedCount flaggedTotal { amount } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.fundingSummary).toEqual([
      {
        currencyCode: 'EUR',
        count: 6,
        total: { amount: euros(SEED_CENTS + BIG_CENTS), currencyCode: 'EUR' },
        flaggedCount: 3,
        flaggedTotal: { amount: euros(10_000n + 5_000_000_000_000_000n + 4_007_199_254_740_993n) },
      },
    ]);
    expect(data.fundingSummary[0].total.amount).toBe('90072011547509.95');
    // A float could not have said that: the nearest double is a different number of cents.
    expect(String(Number(SEED_CENTS + BIG_CENTS))).not.toBe(String(SEED_CENTS + BIG_CENTS));
  });

  it("the seed article's own totals are unchanged beside them: €19,000,100.00, of which €100.00 flagged", async () => {
    const db = await seededDb();
    await importSynthetic(db, 'synthetic-exact-sums', BIG);
    const { data } = await serverFor(db)(
      '{ fundingSummary(groupBy: [PERIOD_YEAR], filter: { flagged: true }) { periodYear count total { amount } } }',
    );
    expect(data.fundingSummary).toEqual([
      { periodYear: 2018, count: 1, total: { amount: '100.00' } },
      { periodYear: 2031, count: 2, total: { amount: euros(5_000_000_000_000_000n + 4_007_199_254_740_993n) } },
    ]);
    const seedOnly = await serverFor(db)(
      '{ fundingSummary(groupBy: [PERIOD_YEAR]) { periodYear total { amount } flaggedTotal { amount } } }',
    );
    expect(seedOnly.data.fundingSummary.filter((r: { periodYear: number | null }) => r.periodYear !== 2031)).toEqual([
      { periodYear: null, total: { amount: '500000.00' }, flaggedTotal: { amount: '0.00' } },
      { periodYear: 2017, total: { amount: '18500000.00' }, flaggedTotal: { amount: '0.00' } },
      { periodYear: 2018, total: { amount: '100.00' }, flaggedTotal: { amount: '100.00' } },
    ]);
  });

  it('timeSeries gives the exact sum in `amount` and a float for charts in `value`', async () => {
    const db = await seededDb();
    await importSynthetic(db, 'synthetic-exact-sums', BIG);
    const { data, errors } = await serverFor(db)(
      '{ timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, bucket: YEAR, from: "2017-01-01", to: "2032-01-01") { time key value amount count } }',
    );
    expect(errors).toBeUndefined();
    const byYear = new Map(data.timeSeries.map((p: { time: string }) => [p.time.slice(0, 4), p]));
    expect(byYear.get('2017')).toEqual({
      time: '2017-01-01',
      key: 'EUR',
      value: 18_500_000,
      amount: '18500000.00',
      count: 1,
    });
    expect(byYear.get('2018')).toMatchObject({ amount: '100.00', value: 100, count: 1 });
    expect(byYear.get('2025')).toMatchObject({ amount: '0.00', value: 0, count: 0 });
    expect(byYear.get('2031')).toEqual({
      time: '2031-01-01',
      key: 'EUR',
      value: Number(euros(BIG_CENTS)),
      amount: '90071992547409.95',
      count: 3,
    });
    expect(euros(BIG_CENTS)).toBe('90071992547409.95');

    const counts = await serverFor(db)(
      '{ timeSeries(entity: FUNDING_ITEMS, bucket: YEAR, from: "2031-01-01", to: "2032-01-01") { value amount count } }',
    );
    expect(counts.data.timeSeries).toEqual([{ value: 3, amount: null, count: 3 }]);
  });

  it('a sum past 2^63 − 1 minor units is refused with an error naming `filter`, never rounded', async () => {
    const db = await emptyDb();
    // The largest amount an item can hold (2^53 − 1 cents), 1,025 times: past what SQLite adds exactly.
    const largest: SyntheticItem = { written: '€90,071,992,547,409.91', amount: '90071992547409.91', flagged: false };
    for (const part of [0, 1, 2]) await importSynthetic(db, `synthetic-overflow-${part}`, Array(342).fill(largest));
    const cents = 1026n * (2n ** 53n - 1n);
    expect(cents > MAX_SUM_MINOR).toBe(true);

    const gql = serverFor(db);
    for (const query of [
      '{ fundingSummary { total { amount } } }',
      '{ timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, bucket: YEAR, from: "2031-01-01", to: "2032-01-01") { amount } }',
    ]) {
      const { data, errors } = await gql(query);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
      expect(errors?.[0]?.message).toBe(
        `filter: a sum would pass ${MAX_SUM_MINOR} minor units, the most the database adds exactly; filter the items or split them into more groups.`,
      );
    }
  });
});
