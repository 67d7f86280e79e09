/**
 * The N+DL variant of the naive peer's Source: made per request, every relation goes through a
 * DataLoader, so the parents one level of the query asks for in the same tick become one
 * `IN (…)` statement. Paged relations load each parent's whole list and slice it, which is how
 * DataLoader is usually put under a connection (LIMIT cannot apply per parent in one IN query).
 * Root lists, aggregates and search are single statements already and stay direct.
 */
import type { Client } from '@libsql/client';
import DataLoader from 'dataloader';
import { all, directSource, type Row, type Source } from './source.ts';

/** Dossier leaves REJECTED facts out of every read. */
const NOT_REJECTED = "review_status <> 'REJECTED'";

/** A loader of the rows whose `column` is each key, in the statement's order; `only` narrows them. */
function manyLoader(client: Client, select: string, column: string, orderBy: string, only = '1') {
  return new DataLoader<string, Row[]>(async (keys) => {
    const marks = keys.map(() => '?').join(', ');
    const rows = await all(client, `${select} WHERE ${only} AND ${column} IN (${marks}) ORDER BY ${orderBy}`, [
      ...keys,
    ]);
    const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(row.parent_key)?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

function byIdLoader(client: Client, table: string) {
  return new DataLoader<string, Row | undefined>(async (keys) => {
    const rows = await all(client, `SELECT * FROM ${table} WHERE id IN (${keys.map(() => '?').join(', ')})`, [...keys]);
    const found = new Map(rows.map((row) => [row.id as string, row]));
    return keys.map((key) => found.get(key));
  });
}

export function batchedSource(client: Client): Source {
  const direct = directSource(client);
  const ids = (table: string) => byIdLoader(client, table);
  const loaders = {
    article: ids('articles'),
    actor: ids('actors'),
    measure: ids('measures'),
    quote: ids('quotes'),
    fundingItem: ids('funding_items'),
    position: ids('positions'),
    topics: manyLoader(client, 'SELECT article_id AS parent_key, topic FROM article_topics', 'article_id', 'topic'),
    quotes: manyLoader(client, 'SELECT article_id AS parent_key, * FROM quotes', 'article_id', 'id', NOT_REJECTED),
    measures: manyLoader(
      client,
      'SELECT r.article_id AS parent_key, m.* FROM reports AS r JOIN measures AS m ON m.id = r.measure_id',
      'r.article_id',
      'm.id',
      `m.${NOT_REJECTED}`,
    ),
    fundingItems: manyLoader(
      client,
      'SELECT measure_id AS parent_key, * FROM funding_items',
      'measure_id',
      'id',
      NOT_REJECTED,
    ),
    flags: manyLoader(
      client,
      'SELECT funding_item_id AS parent_key, flag FROM funding_item_flags',
      'funding_item_id',
      'flag',
    ),
    evidence: manyLoader(
      client,
      'SELECT funding_item_id AS parent_key, * FROM evidence',
      'funding_item_id',
      'article_id, start, id',
    ),
  };
  const page = async (loaded: Promise<Row[]>, limit: number, offset: number) =>
    (await loaded).slice(offset, offset + limit);
  return {
    ...direct,
    article: (key) => loaders.article.load(key),
    actor: (key) => loaders.actor.load(key),
    measure: (key) => loaders.measure.load(key),
    quote: (key) => loaders.quote.load(key),
    fundingItem: (key) => loaders.fundingItem.load(key),
    position: (key) => loaders.position.load(key),
    topicsOf: async (key) => (await loaders.topics.load(key)).map((row) => row.topic),
    quotesOf: (key, limit, offset) => page(loaders.quotes.load(key), limit, offset),
    countQuotesOf: async (key) => (await loaders.quotes.load(key)).length,
    measuresOf: (key, limit, offset) => page(loaders.measures.load(key), limit, offset),
    countMeasuresOf: async (key) => (await loaders.measures.load(key)).length,
    fundingItemsOf: (key) => loaders.fundingItems.load(key),
    flagsOf: async (key) => (await loaders.flags.load(key)).map((row) => row.flag),
    evidenceOf: (key) => loaders.evidence.load(key),
  };
}
