/**
 * The benchmark's first step, as a test: Dossier, the raw-SQL limit (L), the naive peer (N) and
 * N with DataLoader answer every benchmark operation and every sweep point with identical data,
 * on a database file from the synthetic generator the benchmark itself uses (a small one), with
 * the operations' parameters taken from the data as the benchmark takes them. Statement counts
 * are printed and their shape checked: L is one statement per root field, Dossier does not grow
 * with page size or depth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetParameters } from '../bench/harness/datasets.ts';
import {
  checkIdentity,
  type IdentityRow,
  type ServerUnderTest,
  startServers,
  statementTable,
} from '../bench/identity.ts';
import { benchmarkOperations, type Dataset, type Operation, search, sweepOperations } from '../bench/operations.ts';
import { generateSynthetic, type SyntheticSummary } from '../scripts/synth/generate.ts';
import { SEARCH_CANDIDATES } from '../src/search/hits.ts';

const ARTICLES = 400;
let folder: string;
let summary: SyntheticSummary;
let params: Dataset;
let client: Client;
let servers: ServerUnderTest[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dossier-bench-identity-'));
  summary = await generateSynthetic({ file: join(folder, 'bench.db'), articles: ARTICLES, seed: 'bench-identity' });
  params = await datasetParameters(summary);
  client = createClient({ url: `file:${summary.file}` });
  servers = startServers(`file:${summary.file}`);
}, 120_000);

afterAll(() => {
  for (const server of servers ?? []) server.close();
  client?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const count = async (sql: string, args: (string | number)[] = []) =>
  Number((await client.execute({ sql, args })).rows[0]?.[0]);

async function identical(list: Operation[]): Promise<Map<string, IdentityRow>> {
  const rows = await checkIdentity(servers, list);
  console.log(`SQL statements per request (${ARTICLES} articles)\n${statementTable(rows)}`);
  for (const row of rows) expect(row.problems, row.label).toEqual([]);
  // L writes its JSON by hand (much of it in SQL): it must be Dossier's body to the byte.
  for (const row of rows) expect(row.otherBytes, row.label).not.toContain('L');
  return new Map(rows.map((row) => [row.label, row]));
}

describe('Dossier, L, N and N+DL return identical data', () => {
  it('for every benchmark operation, on data with something at every level', async () => {
    const rows = await identical(benchmarkOperations(params));
    const data = (label: string) => rows.get(label)?.data as any;
    const marker = (share: number) => summary.markers.find((m) => m.share === share)?.articles;

    const article = data('article-by-id').node;
    expect(article.id).toBe(params.articleId);
    expect(article.headline).toBe(
      String(
        (await client.execute({ sql: 'SELECT headline FROM articles WHERE id = ?', args: [article.slug] }))
          .rows[0]?.[0],
      ),
    );
    const quotes = data('articles-with-quotes-20').articles.nodes.flatMap((a: any) => a.quotes.nodes);
    expect(quotes.some((q: any) => q.speaker === null)).toBe(true);
    expect(quotes.some((q: any) => q.speaker?.name)).toBe(true);
    const measures = data('nested-depth-3-20').articles.nodes.flatMap((a: any) => a.measures.nodes);
    const evidence = measures.flatMap((m: any) => m.fundingItems).flatMap((f: any) => f.evidence);
    expect(evidence.length).toBeGreaterThan(20);
    const funding = data('funding-dashboard').fundingSummary;
    expect(new Set(funding.map((r: any) => r.currencyCode))).toEqual(new Set(['EUR']));
    expect(funding.some((r: any) => r.funder === null) && funding.some((r: any) => r.funder?.name)).toBe(true);
    const points = data('time-series').timeSeries;
    expect(points).toHaveLength(12);
    expect(points.reduce((sum: number, p: any) => sum + p.count, 0)).toBe(
      await count("SELECT count(*) FROM articles WHERE published_on LIKE ? || '-%'", [String(params.year)]),
    );
    // Each marker word is in the body of its articles only: one hit per article.
    expect(data('search-rare').search.totalCount).toBe(marker(0.001));
    expect(data('search-frequent').search.totalCount).toBe(marker(0.5));
    // The first page and the deep one: the newest 20, and the 20 after the first deepOffset.
    const slugsAt = async (offset: number) =>
      (
        await client.execute({
          sql: 'SELECT id FROM articles ORDER BY published_on DESC, id DESC LIMIT 20 OFFSET ?',
          args: [offset],
        })
      ).rows.map((row) => String(row.id));
    const slugs = (label: string) => data(label).articles.nodes.map((n: any) => n.slug);
    expect(slugs('deep-page-0')).toEqual(await slugsAt(0));
    expect(slugs(`deep-page-${params.deepOffset}`)).toEqual(await slugsAt(params.deepOffset));
    expect(data('filtered-count').measures.totalCount).toBeGreaterThan(0);

    // The ideal: one statement per root field, whatever the operation.
    for (const row of rows.values()) expect(row.statements.L, row.label).toBe(1);
  });

  it(`past the search bound: a word in more than ${SEARCH_CANDIDATES} fields, its newest ${SEARCH_CANDIDATES} ranked`, async () => {
    expect(await count('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?', ['"the"'])).toBeGreaterThan(
      SEARCH_CANDIDATES,
    );
    const rows = await identical([search('search-past-bound', 'the')]);
    expect((rows.get('search-past-bound')?.data as any)?.search.totalCount).toBe(SEARCH_CANDIDATES);
  });

  it('at every page size and nesting depth of the sweeps', async () => {
    const rows = [...(await identical(sweepOperations())).values()];
    const byServer = (name: 'Dossier' | 'N' | 'N+DL') => new Set(rows.map((row) => row.statements[name]));
    expect(byServer('Dossier').size).toBe(1);
    expect(byServer('N+DL').size).toBeGreaterThan(1); // one more statement per level of depth
    expect(byServer('N').size).toBeGreaterThan(2); // grows with page size too
  });
});
