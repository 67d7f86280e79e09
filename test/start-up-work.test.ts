/**
 * What a server does before its first query, kept small for the edge's cold start
 * (BENCHMARKS.md, "Deep page at 100k and the edge" and "Edge cold start, 2026-11-30 evening"):
 * the response cache walks neither the schema nor the results, and the served schema is built
 * once, unsorted, while the committed SDL stays sorted.
 */
import { validateSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { printedSchema } from '../src/schema/printed.ts';
import { createDossierYoga } from '../src/server/yoga.ts';
import { SqlRecorder, seededDb } from './helpers.ts';

const QUOTES = '{ quotes(first: 1) { totalCount nodes { speaker { name } } } }';
const post = (query: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query }),
});

describe('start-up work', () => {
  it("serves a fresh server's first read and caches it", async () => {
    const recorder = new SqlRecorder();
    const db = await seededDb(recorder);
    const yoga = createDossierYoga({ getDb: () => db, responseCache: () => true, revisionCheckMs: () => 0 });
    expect((await yoga.fetch('http://test/live')).status).toBe(200);
    recorder.reset();
    const miss = await (await yoga.fetch('http://test/graphql', post(QUOTES))).text();
    expect(JSON.parse(miss).data.quotes.totalCount).toBe(5);
    expect(recorder.statements.some((sql) => /from "quotes"/.test(sql))).toBe(true);
    recorder.reset();
    const hit = await (await yoga.fetch('http://test/graphql', post(QUOTES))).text();
    expect(hit).toBe(miss);
    expect(recorder.statements).toEqual([expect.stringMatching(/data_revision/)]);
  });

  it('builds a valid schema in declaration order and prints it sorted', () => {
    expect(validateSchema(schema)).toEqual([]);
    const served = Object.keys(schema.getQueryType()?.getFields() ?? {});
    const printed = [...printedSchema().matchAll(/^type Query[^{]*\{([\s\S]*?)^\}/gm)][0]?.[1] ?? '';
    const printedOrder = [...printed.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]);
    expect(new Set(printedOrder)).toEqual(new Set(served));
    expect(printedOrder).toEqual([...served].sort());
  });
});
