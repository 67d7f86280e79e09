/**
 * Spreadsheet formula injection through /csv: a string cell that Excel, LibreOffice or Google
 * Sheets would run as a formula is neutralised the OWASP way (a leading single quote, quoted);
 * numbers, even negative ones, stay numbers. The values below are test-only, written into a copy
 * of the seed: no article says them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { toCsv } from '../src/server/csv.ts';
import { SEEDS_FOLDER } from '../src/server/dataset-files.ts';
import { seedDb as seed } from '../src/server/seed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { ARTICLE_SLUG, seededDb } from './helpers.ts';

const FORMULAS = ['=HYPERLINK("http://example.invalid","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];

describe('toCsv', () => {
  it.each(FORMULAS)('neutralises a string cell starting %j', (value) => {
    const text = toCsv([{ value }]);
    const [header, row] = [text.slice(0, text.indexOf('\r\n')), text.slice(text.indexOf('\r\n') + 2)];
    expect(header).toBe('value');
    expect(row).toBe(`"'${value.replaceAll('"', '""')}"\r\n`);
    expect(parse(text, { columns: true })).toEqual([{ value: `'${value}` }]);
  });

  it('leaves numbers alone, negative ones included, and ordinary text as it was', () => {
    expect(toCsv([{ n: -5, x: 1.5, t: 'plain', e: 'a=b', h: '2017-10-18' }])).toBe(
      'n,x,t,e,h\r\n-5,1.5,plain,a=b,2017-10-18\r\n',
    );
  });
});

describe('GET /csv with formula-looking data', () => {
  let db: Db;
  let yoga: ReturnType<typeof createDossierYoga>;

  beforeAll(async () => {
    db = await seededDb();
    const folder = mkdtempSync(join(tmpdir(), 'dossier-csv-'));
    cpSync(SEEDS_FOLDER, folder, { recursive: true });
    const file = join(folder, 'articles', `${ARTICLE_SLUG}.json`);
    const article = JSON.parse(readFileSync(file, 'utf8'));
    article.fundingItems[0].purpose = FORMULAS[0];
    article.fundingItems[1].purpose = FORMULAS[3];
    writeFileSync(file, JSON.stringify(article));
    await seed(db, folder);
    yoga = createDossierYoga({ getDb: () => db });
  });

  it('exports them as text a spreadsheet will not run, and the server carries on', async () => {
    const query = '{ fundingItems(orderBy: { field: AMOUNT }) { nodes { purpose amount { amount } } } }';
    const response = await yoga.fetch(`http://test/csv?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const purposes = rows.map((row) => row.purpose);
    expect(purposes).toContain(`'${FORMULAS[0]}`);
    expect(purposes).toContain(`'${FORMULAS[3]}`);
    for (const purpose of purposes) expect(purpose).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((row) => row['amount.amount'])).toEqual(['100.00', '500000.00', '18500000.00']);
    expect((await yoga.fetch('http://test/health')).status).toBe(200);
  });
});
