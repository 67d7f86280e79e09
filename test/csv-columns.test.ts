/**
 * /csv columns when a nested object is null in some rows: the seed's funding items name a funder
 * for one of three (the European Union); the other two have none. The CSV has one `funder.name`
 * column, empty where there is no funder, in the place the query put `funder` — no stray bare
 * `funder` column.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../src/server/csv.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { seededDb } from './helpers.ts';

describe('toCsv with an object that is null in some rows', () => {
  it('gives the object its fields as columns, in the place it first came', () => {
    const rows = [
      { key: 'a', funder: null, amount: '1.00' },
      { key: 'b', funder: { name: 'X', kind: 'STATE' }, amount: '2.00' },
    ];
    expect(toCsv(rows)).toBe('key,funder.name,funder.kind,amount\r\na,,,1.00\r\nb,X,STATE,2.00\r\n');
  });

  it('keeps a bare column when the object is null in every row (its fields are unknown)', () => {
    expect(toCsv([{ key: 'a', funder: null }])).toBe('key,funder\r\na,\r\n');
  });
});

describe('GET /csv of the seed funding items with their funders', () => {
  let yoga: ReturnType<typeof createDossierYoga>;
  beforeAll(async () => {
    const db = await seededDb();
    yoga = createDossierYoga({ getDb: () => db });
  });

  it('has one funder.name column, empty for the items without a funder', async () => {
    const query = '{ fundingItems(orderBy: { field: AMOUNT }) { nodes { key funder { name } amount { amount } } } }';
    const response = await yoga.fetch(`http://test/csv?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.slice(0, text.indexOf('\r\n'))).toBe('key,funder.name,amount.amount');
    expect(parse(text, { columns: true })).toEqual([
      { key: 'funding-public-spaces-regional-next-year', 'funder.name': '', 'amount.amount': '100.00' },
      { key: 'funding-police-training-programme', 'funder.name': '', 'amount.amount': '500000.00' },
      {
        key: 'funding-public-spaces-eu-security-funds',
        'funder.name': 'European Union',
        'amount.amount': '18500000.00',
      },
    ]);
  });
});
