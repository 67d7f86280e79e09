/** `articles(filter, orderBy)`: the article list with its filter and orderings. */
import { sql } from 'drizzle-orm';
import { articles, articleTopics, mentions } from '../db/schema.ts';
import { builder } from './builder.ts';
import { type Conditions, keyOf, type Logical } from './lists/filtering.ts';
import { DateRange, type DateRangeInput, dateWithin } from './lists/inputs.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface ArticleFilterInput extends Logical<ArticleFilterInput> {
  publishedOn?: DateRangeInput | null;
  topic?: string | null;
  publisher?: string | null;
  mentions?: string | null;
}

export const ArticleFilter = builder.inputRef<ArticleFilterInput>('ArticleFilter').implement({
  description: 'Conditions on articles; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [ArticleFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [ArticleFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: ArticleFilter, description: 'This filter does not hold.' }),
    publishedOn: t.field({ type: DateRange, description: 'Published in this range of days.' }),
    topic: t.string({ description: 'Tagged with this topic (exact tag, e.g. "encryption").' }),
    publisher: t.string({ description: 'Published by this outlet (exact name).' }),
    mentions: t.id({ description: 'Names this actor (an Actor ID).' }),
  }),
});

export const articleConditions: Conditions<ArticleFilterInput, typeof articles> = {
  publishedOn: (range, a, path) => dateWithin(a.publishedOn, range, path),
  topic: (topic, a) =>
    sql`EXISTS (SELECT 1 FROM ${articleTopics} WHERE ${articleTopics.articleId} = ${a.id} AND ${articleTopics.topic} = ${topic})`,
  publisher: (publisher, a) => sql`${a.publisher} = ${publisher}`,
  mentions: (id, a, path) =>
    sql`EXISTS (SELECT 1 FROM ${mentions} WHERE ${mentions.articleId} = ${a.id} AND ${mentions.actorId} = ${keyOf(id, 'Actor', path)})`,
};

export const ArticleOrder = defineOrder(
  'ArticleOrder',
  'The order of a list of articles.',
  {
    PUBLISHED_ON: { description: 'By publication day.', ordering: columns('publishedOn', 'id') },
    HEADLINE: { description: 'By headline.', ordering: columns('headline', 'id') },
  },
  { field: 'PUBLISHED_ON', direction: 'desc' },
);

rootList('articles', {
  type: 'articles',
  table: articles,
  description: 'News articles, newest first unless ordered otherwise.',
  filter: { ref: ArticleFilter, conditions: articleConditions },
  order: ArticleOrder,
});
