/**
 * The README's dashboard recipes, read from README.md (each marked `<!-- recipe: name -->`), run
 * against the server as the tool would run them, checking the shape each relies on — so a
 * recipe that stops working fails here, not in a reader's Grafana.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/dashboard/build.ts';
import { parseFilters } from '../../src/dashboard/web/params.ts';
import { dashboardFiles } from '../../src/server/dashboard-files.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { seededDb } from '../helpers.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** Where the recipes point; the test server answers in its place. */
const RECIPE_ORIGIN = 'http://localhost:4000';

function recipe(name: string): string {
  const match = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!match?.[1]) throw new Error(`README.md has no recipe "${name}"`);
  return match[1];
}

let dir: string;
let yoga: ReturnType<typeof createDossierYoga>;
/** fetch() as a recipe does it, with the recipe's origin answered by the test server. */
const fetchRecipe = async (url: string | URL, init?: RequestInit) => {
  const target = String(url);
  expect(target.startsWith(RECIPE_ORIGIN)).toBe(true);
  return yoga.fetch(new Request(`http://test${target.slice(RECIPE_ORIGIN.length)}`, init));
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-recipes-'));
  await buildDashboard(dir);
  const db = await seededDb();
  const assets = dashboardFiles(dir);
  yoga = createDossierYoga({ getDb: () => db, dashboardAssets: () => assets });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README recipes', () => {
  it('iframe: the embed URL is the funding chart, and its filters are all known', async () => {
    const src = /src="([^"]+)"/.exec(recipe('iframe'))?.[1] ?? '';
    const response = await fetchRecipe(src);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-view="embed" data-chart="funding"');
    const vocabulary = await (
      await fetchRecipe(`${RECIPE_ORIGIN}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __type(name: "CurrencyCode") { enumValues { name } } }' }),
      })
    ).json();
    const currencies = vocabulary.data.__type.enumValues.map((v: { name: string }) => v.name);
    expect(parseFilters(new URL(src).search, { currencies, stages: [], statuses: [] })).toEqual({
      filters: { by: 'stage', currency: 'EUR' },
      problems: [],
    });
  });

  it('Observable Plot: the code runs on the saved query, and every channel it draws is in the rows', async () => {
    const marks: { data: Record<string, unknown>[]; options: Record<string, unknown> }[] = [];
    const Plot = {
      plot: (options: { marks: unknown[] }) => options,
      dot: (data: Record<string, unknown>[], options: Record<string, unknown>) => marks.push({ data, options }),
    };
    const run = new Function('fetch', 'Plot', `return (async () => { ${recipe('observable')} })();`);
    await run(fetchRecipe, Plot);
    expect(marks).toHaveLength(1);
    const [{ data, options }] = marks as [(typeof marks)[0]];
    // The seed's funding by year: 2017's €18.5 million and 2018's flagged €100, in EUR.
    expect(data.map((row) => [(row.time as Date).toISOString().slice(0, 10), row.key, row.value])).toEqual([
      ['2017-01-01', 'EUR', 18500000],
      ['2018-01-01', 'EUR', 100],
    ]);
    for (const channel of ['x', 'y', 'fill']) {
      const field = options[channel] as string;
      for (const row of data) expect(row[field], `${channel}: "${field}"`).not.toBeUndefined();
    }
  });

  it('spreadsheet: the CSV URL gives a header row and one row per year', async () => {
    const url = /IMPORTDATA\("([^"]+)"\)/.exec(recipe('spreadsheet'))?.[1] ?? '';
    const response = await fetchRecipe(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows: string[][] = parse(await response.text());
    expect(rows[0]).toEqual(['time', 'timestamp', 'key', 'value', 'count']);
    expect(rows).toContainEqual(['2017-01-01', '1483228800000', 'EUR', '18500000', '1']);
    expect(rows).toContainEqual(['2018-01-01', '1514764800000', 'EUR', '100', '1']);
  });

  it('Grafana (Wild GraphQL Data Source): the query and variables as the plugin sends them; data path and time path', async () => {
    const query = recipe('grafana-query');
    // Grafana fills in the panel's range; the plugin adds its own from/to (epoch ms) and more.
    const variables = JSON.parse(
      recipe('grafana-variables')
        .replace(/\$\{__from:[^}]+\}/, '2017-01-01')
        .replace(/\$\{__to:[^}]+\}/, '2019-01-01'),
    );
    const response = await fetchRecipe(`${RECIPE_ORIGIN}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query,
        variables: { ...variables, from: 1483228800000, to: 1546300800000, interval_ms: 86400000, maxDataPoints: 1000 },
      }),
    });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const section = README.slice(README.indexOf('<!-- recipe: grafana-variables -->'));
    const dataPath = /\*\*Data path\*\* `([^`]+)`/.exec(section)?.[1] ?? '';
    const timePath = /\*\*Time path\*\* `([^`]+)`/.exec(section)?.[1] ?? '';
    const label = /field label `\w+` = `(\w+)`/.exec(section)?.[1] ?? '';
    const rows = dataPath.split('.').reduce((value, key) => value?.[key], body.data);
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toHaveLength(8); // eight quarters of 2017 and 2018
    for (const row of rows) {
      expect(typeof row[timePath]).toBe('number');
      expect(typeof row.value).toBe('number');
      expect(typeof row[label]).toBe('string');
    }
    // €18.5 million in the quarter its period starts (2017-10-18), the flagged €100 in 2018's first.
    expect(rows.filter((row: { value: number }) => row.value > 0)).toEqual([
      { timestamp: Date.parse('2017-10-01'), key: 'EUR', value: 18500000, count: 1 },
      { timestamp: Date.parse('2018-01-01'), key: 'EUR', value: 100, count: 1 },
    ]);
  });
});
