/**
 * The lists a read reaches through a measure — its parts, funding items and figures — are capped
 * when written (caps.ts). Each is a fact type whose rows name the measure in one field; every
 * writer counts them with this table: the validator inside one article, the planner of an import
 * against what is stored, and a fact update that moves a fact to another measure.
 */
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as t from '../db/schema.ts';
import { MAX_FIGURES_PER_MEASURE, MAX_FUNDING_ITEMS_PER_MEASURE, MAX_PARTS_PER_MEASURE } from './caps.ts';

export interface MeasureList {
  /** The fact list in the import format. */
  list: 'measures' | 'fundingItems' | 'figures';
  /** The field of such a fact that names its measure. */
  link: 'parent' | 'measure';
  /** Its table, and the column that holds that field. */
  table: typeof t.measures | typeof t.fundingItems | typeof t.figures;
  column: SQLiteColumn;
  max: number;
  /** What the measure has of them, for messages: "parts", "funding items", "figures". */
  what: string;
}

export const MEASURE_LISTS: readonly MeasureList[] = [
  {
    list: 'measures',
    link: 'parent',
    table: t.measures,
    column: t.measures.parentId,
    max: MAX_PARTS_PER_MEASURE,
    what: 'parts',
  },
  {
    list: 'fundingItems',
    link: 'measure',
    table: t.fundingItems,
    column: t.fundingItems.measureId,
    max: MAX_FUNDING_ITEMS_PER_MEASURE,
    what: 'funding items',
  },
  {
    list: 'figures',
    link: 'measure',
    table: t.figures,
    column: t.figures.measureId,
    max: MAX_FIGURES_PER_MEASURE,
    what: 'figures',
  },
];

/** The measure a fact names in `link`, or null. */
export function linkOf(fact: object, link: MeasureList['link']): string | null {
  const value = (fact as Record<string, unknown>)[link];
  return typeof value === 'string' ? value : null;
}

export function overCapMessage(count: number, of: MeasureList): string {
  return `has ${count} ${of.what}; at most ${of.max} per measure`;
}
