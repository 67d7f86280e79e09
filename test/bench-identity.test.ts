/**
 * The benchmark's first step, as a test: Dossier, the raw-SQL limit (L), the naive peer (N) and
 * N with DataLoader answer every benchmark operation and every sweep point with identical data,
 * on one database file with non-trivial nesting. Statement counts are printed and their shape
 * checked: L is one statement per root field, Dossier does not grow with page size or depth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchDatabase, createBenchDatabase, FREQUENT_TERM, RARE_TERM } from '../bench/fixture.ts';
import {
  checkIdentity,
  type IdentityRow,
  type ServerUnderTest,
  startServers,
  statementTable,
} from '../bench/identity.ts';
import { benchmarkOperations, type Operation, sweepOperations } from '../bench/operations.ts';
import { globalId } from '../bench/peers/ids.ts';
import { ARTICLE_SLUG } from './helpers.ts';

const ARTICLES = 400;
let bench: BenchDatabase;
let servers: ServerUnderTest[];

beforeAll(async () => {
  bench = await createBenchDatabase(ARTICLES);
  servers = startServers(bench.url);
});

afterAll(() => {
  for (const server of servers ?? []) server.close();
  bench?.remove();
});

const operations = benchmarkOperations({
  articleId: globalId('Article', ARTICLE_SLUG),
  rareTerm: RARE_TERM,
  frequentTerm: FREQUENT_TERM,
  deepOffset: 300,
  year: 2015,
});

async function identical(list: Operation[]): Promise<Map<string, IdentityRow>> {
  const rows = await checkIdentity(servers, list);
  console.log(`SQL statements per request (${ARTICLES + 1} articles)\n${statementTable(rows)}`);
  for (const row of rows) expect(row.problems, row.label).toEqual([]);
  // L writes its JSON by hand (much of it in SQL): it must be Dossier's body to the byte.
  for (const row of rows) expect(row.otherBytes, row.label).not.toContain('L');
  return new Map(rows.map((row) => [row.label, row]));
}

describe('Dossier, L, N and N+DL return identical data', () => {
  it('for every benchmark operation, on data with something at every level', async () => {
    const rows = await identical(operations);
    const data = (label: string) => rows.get(label)?.data as any;

    expect(data('article-by-id').node.topics).toContain('encryption');
    const quotes = data('articles-with-quotes-20').articles.nodes.flatMap((a: any) => a.quotes.nodes);
    expect(quotes.some((q: any) => q.speaker === null)).toBe(true);
    expect(quotes.some((q: any) => q.speaker?.name)).toBe(true);
    const measures = data('nested-depth-3-20').articles.nodes.flatMap((a: any) => a.measures.nodes);
    const evidence = measures.flatMap((m: any) => m.fundingItems).flatMap((f: any) => f.evidence);
    expect(evidence.length).toBeGreaterThan(20);
    expect(data('funding-dashboard').fundingSummary.map((r: any) => r.currencyCode)).toEqual(
      expect.arrayContaining(['EUR', 'USD']),
    );
    expect(data('time-series').timeSeries).toHaveLength(12);
    expect(data('time-series').timeSeries.every((p: any) => p.count > 0)).toBe(true);
    expect(data('search-rare').search.totalCount).toBe(1);
    expect(data('search-frequent').search.totalCount).toBeGreaterThan(ARTICLES / 2);
    expect(data('deep-page-300').articles.nodes).toHaveLength(20);
    expect(data('filtered-count').measures.totalCount).toBeGreaterThan(0);

    // The ideal: one statement per root field, whatever the operation.
    for (const row of rows.values()) expect(row.statements.L, row.label).toBe(1);
  });

  it('at every page size and nesting depth of the sweeps', async () => {
    const rows = [...(await identical(sweepOperations())).values()];
    const byServer = (name: 'Dossier' | 'N' | 'N+DL') => new Set(rows.map((row) => row.statements[name]));
    expect(byServer('Dossier').size).toBe(1);
    expect(byServer('N+DL').size).toBeGreaterThan(1); // one more statement per level of depth
    expect(byServer('N').size).toBeGreaterThan(2); // grows with page size too
  });
});
