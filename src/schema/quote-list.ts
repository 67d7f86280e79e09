/** `quotes(filter, orderBy)`: the quote list with its filter and orderings. */
import { sql } from 'drizzle-orm';
import { actors, articles, quotes } from '../db/schema.ts';
import type { ActorKind as KindValue, ReviewStatus as ReviewValue } from '../domain.ts';
import { builder } from './builder.ts';
import { ActorKind, ReviewStatus } from './enums.ts';
import { inList, isActor } from './lists/conditions.ts';
import { type Conditions, containsText, keyOf, type Logical } from './lists/filtering.ts';
import { DateRange, type DateRangeInput, dateWithin } from './lists/inputs.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface QuoteFilterInput extends Logical<QuoteFilterInput> {
  speaker?: string | null;
  speakerKind?: KindValue[] | null;
  article?: string | null;
  publishedOn?: DateRangeInput | null;
  text?: string | null;
  reviewStatus?: ReviewValue[] | null;
}

export const QuoteFilter = builder.inputRef<QuoteFilterInput>('QuoteFilter').implement({
  description: 'Conditions on quotes; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [QuoteFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [QuoteFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: QuoteFilter, description: 'This filter does not hold.' }),
    speaker: t.id({ description: 'Said by this actor (an Actor ID).' }),
    speakerKind: t.field({ type: [ActorKind], description: 'Said by an actor of one of these kinds.' }),
    article: t.id({ description: 'In this article (an Article ID).' }),
    publishedOn: t.field({ type: DateRange, description: 'In an article published in this range of days.' }),
    text: t.string({ description: 'The text contains this, ignoring case; taken literally (no wildcards).' }),
    reviewStatus: t.field({ type: [ReviewStatus], description: 'The review status is one of these.' }),
  }),
});

export const quoteConditions: Conditions<QuoteFilterInput, typeof quotes> = {
  speaker: (id, q, path) => isActor(q.speakerId, id, path),
  speakerKind: (kinds, q) =>
    sql`EXISTS (SELECT 1 FROM ${actors} WHERE ${actors.id} = ${q.speakerId} AND ${inList(actors.kind, kinds)})`,
  article: (id, q, path) => sql`${q.articleId} = ${keyOf(id, 'Article', path)}`,
  publishedOn: (range, q, path) =>
    sql`EXISTS (SELECT 1 FROM ${articles} WHERE ${articles.id} = ${q.articleId} AND ${dateWithin(articles.publishedOn, range, path)})`,
  text: (text, q) => containsText(q.text, text),
  reviewStatus: (values, q) => inList(q.reviewStatus, values),
};

export const QuoteOrder = defineOrder(
  'QuoteOrder',
  'The order of a list of quotes.',
  {
    KEY: { description: 'By key.', ordering: columns('id') },
    ARTICLE: { description: 'By article, then key.', ordering: columns('articleId', 'id') },
  },
  { field: 'KEY', direction: 'asc' },
);

rootList('quotes', {
  type: 'quotes',
  table: quotes,
  description: 'Attributed speech reported in the news.',
  filter: { ref: QuoteFilter, conditions: quoteConditions },
  order: QuoteOrder,
});
