/** Aggregates, time series and CSV, with answers typed from the article. */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { SqlRecorder, seededDb, serverFor } from './helpers.ts';

const recorder = new SqlRecorder();
let db: Db;
let gql: ReturnType<typeof serverFor>;

beforeAll(async () => {
  db = await seededDb(recorder);
  gql = serverFor(db);
});

async function data(query: string) {
  const result = await gql(query);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

describe('fundingSummary', () => {
  it('shows EUR 19,000,100.00 over three items as reported, one of them (the "€100") flagged', async () => {
    recorder.reset();
    const { fundingSummary } = await data(
      '{ fundingSummary { currencyCode count total { amount currencyCode } flaggedCount flaggedTotal { amount } } }',
    );
    expect(fundingSummary).toEqual([
      {
        currencyCode: 'EUR',
        count: 3,
        total: { amount: '19000100.00', currencyCode: 'EUR' },
        flaggedCount: 1,
        flaggedTotal: { amount: '100.00' },
      },
    ]);
    // Summed by the database, in one statement with GROUP BY.
    expect(recorder.statements).toHaveLength(1);
    expect(recorder.statements[0]).toMatch(/GROUP BY/);
  });

  it('groups by period year: 2017 (€18.5 million), 2018 (the €100), and no period (€500,000)', async () => {
    const { fundingSummary } = await data('{ fundingSummary(groupBy: [PERIOD_YEAR]) { periodYear total { amount } } }');
    expect(fundingSummary).toEqual([
      { periodYear: null, total: { amount: '500000.00' } },
      { periodYear: 2017, total: { amount: '18500000.00' } },
      { periodYear: 2018, total: { amount: '100.00' } },
    ]);
  });

  it('groups by funder and honours the filter', async () => {
    const { fundingSummary } = await data(
      '{ fundingSummary(groupBy: [FUNDER], filter: { flagged: false }) { funder { name } count total { amount } } }',
    );
    expect(fundingSummary).toEqual([
      { funder: null, count: 1, total: { amount: '500000.00' } },
      { funder: { name: 'European Union' }, count: 1, total: { amount: '18500000.00' } },
    ]);
  });
});

describe('counts', () => {
  it("measureStats by proposer: the Commission's 7 and the EU's 1", async () => {
    const { measureStats } = await data('{ measureStats(groupBy: [PROPOSER]) { proposer { name } count } }');
    expect(measureStats).toEqual([
      { proposer: { name: 'European Commission' }, count: 7 },
      { proposer: { name: 'European Union' }, count: 1 },
    ]);
  });

  it('quoteStats by speaker: King 4, the NGO 1', async () => {
    const { quoteStats } = await data('{ quoteStats(groupBy: [SPEAKER]) { speaker { name } count } }');
    expect(quoteStats).toEqual([
      { speaker: { name: 'Civil Liberties Union for Europe' }, count: 1 },
      { speaker: { name: 'Julian King' }, count: 4 },
    ]);
  });

  it('positionStats by stance: oppositions are King and the NGO', async () => {
    const { positionStats } = await data('{ positionStats(groupBy: [STANCE]) { stance count } }');
    expect(positionStats.find((r: any) => r.stance === 'OPPOSES')).toEqual({ stance: 'OPPOSES', count: 2 });
  });
});

describe('timeSeries', () => {
  it('articles per MONTH over 2017: twelve rows, October at one, the rest zero', async () => {
    const { timeSeries } = await data(
      '{ timeSeries(entity: ARTICLES, bucket: MONTH, from: "2017-01-01", to: "2018-01-01") { time timestamp key value count } }',
    );
    expect(timeSeries).toHaveLength(12);
    expect(timeSeries.map((p: any) => p.time)).toEqual(
      Array.from({ length: 12 }, (_, m) => `2017-${String(m + 1).padStart(2, '0')}-01`),
    );
    expect(timeSeries[9]).toEqual({
      time: '2017-10-01',
      timestamp: Date.UTC(2017, 9, 1),
      key: null,
      value: 1,
      count: 1,
    });
    expect(timeSeries.filter((p: any) => p.count === 0)).toHaveLength(11);
  });

  it('weeks start on Monday: the article (Wednesday 18 October 2017) falls in the week of the 16th', async () => {
    const { timeSeries } = await data(
      '{ timeSeries(entity: ARTICLES, bucket: WEEK, from: "2017-10-09", to: "2017-10-30") { time count } }',
    );
    expect(timeSeries).toEqual([
      { time: '2017-10-09', count: 0 },
      { time: '2017-10-16', count: 1 },
      { time: '2017-10-23', count: 0 },
    ]);
  });

  it('sums funding per year in one currency: €18.5 million in 2017, €100 in 2018', async () => {
    const { timeSeries } = await data(
      '{ timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, bucket: YEAR, from: "2017-01-01", to: "2019-01-01") { time key value } }',
    );
    expect(timeSeries).toEqual([
      { time: '2017-01-01', key: 'EUR', value: 18_500_000 },
      { time: '2018-01-01', key: 'EUR', value: 100 },
    ]);
  });

  it('counts measures by deadline per quarter, grouped by status', async () => {
    const { timeSeries } = await data(
      '{ timeSeries(entity: MEASURES, dateField: DEADLINE, groupBy: STATUS, bucket: QUARTER, from: "2019-01-01", to: "2019-07-01") { time key count } }',
    );
    expect(timeSeries).toEqual([
      { time: '2019-01-01', key: 'PROPOSED', count: 3 },
      { time: '2019-04-01', key: 'PROPOSED', count: 0 },
    ]);
  });

  it.each([
    [
      'too many buckets',
      '{ timeSeries(entity: ARTICLES, bucket: DAY, from: "2000-01-01", to: "2020-01-01") { time } }',
      'bucket',
    ],
    [
      'to before from',
      '{ timeSeries(entity: ARTICLES, bucket: DAY, from: "2018-01-01", to: "2017-01-01") { time } }',
      'to',
    ],
    [
      'a date the entity lacks',
      '{ timeSeries(entity: ARTICLES, dateField: DEADLINE, bucket: YEAR, from: "2017-01-01", to: "2018-01-01") { time } }',
      'dateField',
    ],
    [
      'amounts of several currencies',
      '{ timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, groupBy: STAGE, bucket: YEAR, from: "2017-01-01", to: "2018-01-01") { time } }',
      'groupBy',
    ],
    [
      'a filter for another entity',
      '{ timeSeries(entity: ARTICLES, bucket: YEAR, from: "2017-01-01", to: "2018-01-01", filter: { quotes: {} }) { time } }',
      'filter.quotes',
    ],
  ])('rejects %s, naming the argument', async (_name, query, argument) => {
    const result = await gql(query);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
  });
});

describe('CSV', () => {
  const yoga = createDossierYoga({ getDb: () => db });
  const csv = async (query: string) => {
    const response = await yoga.fetch(`http://test/csv?query=${encodeURIComponent(query)}`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('serves the monthly series as CSV that a real parser reads back', async () => {
    const { status, type, text } = await csv(
      '{ timeSeries(entity: ARTICLES, bucket: MONTH, from: "2017-01-01", to: "2018-01-01") { time timestamp key value count } }',
    );
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/csv/);
    const records = parse(text, { columns: true });
    expect(records).toHaveLength(12);
    expect(records[9]).toEqual({
      time: '2017-10-01',
      timestamp: String(Date.UTC(2017, 9, 1)),
      key: '',
      value: '1',
      count: '1',
    });
  });

  it('quotes cells with commas and quotation marks (RFC 4180), flattening nested objects', async () => {
    const { text } = await csv(
      '{ fundingItems(orderBy: { field: AMOUNT }) { nodes { amount { reportedText amount } qualityFlags } } }',
    );
    expect(text.split('\r\n')[0]).toBe('amount.reportedText,amount.amount,qualityFlags');
    expect(text).toContain('"€500,000",500000.00,[]');
    expect(text).toContain('€100,100.00,"[""IMPLAUSIBLE_AMOUNT"",""SUSPECTED_TYPO""]"');
    const records = parse(text, { columns: true });
    expect(records.map((r: any) => r['amount.reportedText'])).toEqual(['€100', '€500,000', '€18.5 million']);
  });

  it('answers a bad query with 400 and the GraphQL error, as text', async () => {
    const bad = await csv(
      '{ timeSeries(entity: ARTICLES, bucket: DAY, from: "2000-01-01", to: "2020-01-01") { time } }',
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/bucket: .* more than 1000/);
    expect((await yoga.fetch('http://test/csv')).status).toBe(400);
  });
});
