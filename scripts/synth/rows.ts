/**
 * The rows one batch of synthetic articles adds, table by table, typed by the real schema (a new
 * NOT NULL column there is a type error here). TABLES is in load order: parents before children.
 */
import type { InferInsertModel } from 'drizzle-orm';
import * as t from '../../src/db/schema.ts';

export const TABLES = {
  actors: t.actors,
  actorAliases: t.actorAliases,
  articles: t.articles,
  articleTopics: t.articleTopics,
  articleSubheadings: t.articleSubheadings,
  mentions: t.mentions,
  measures: t.measures,
  measureActors: t.measureActors,
  positions: t.positions,
  fundingItems: t.fundingItems,
  fundingItemFlags: t.fundingItemFlags,
  quotes: t.quotes,
  figures: t.figures,
  events: t.events,
  reports: t.reports,
  evidence: t.evidence,
} as const;

export type TableKey = keyof typeof TABLES;
export type Row<K extends TableKey> = InferInsertModel<(typeof TABLES)[K]>;
export type Rows = { [K in TableKey]: Row<K>[] };

export function emptyRows(): Rows {
  return Object.fromEntries(Object.keys(TABLES).map((key) => [key, []])) as unknown as Rows;
}
