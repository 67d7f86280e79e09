/** Article: a news story, the reference text for every evidence offset. */

import type { articles } from '../db/schema.ts';
import { MAX_SUBHEADINGS } from '../ingest/caps.ts';
import { builder } from './builder.ts';
import { TextSpan } from './common.ts';
import { Provenance } from './enums.ts';
import { fromRow, KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped, PLAIN_LIST_CAP, replacedBy } from './pricing.ts';
import { evidenceOfLiveFacts, reviewStatusArg, reviewWhere } from './review-filter.ts';
import { rootLookup } from './root-lookup.ts';

type ArticleRow = typeof articles.$inferSelect;

export const Article = builder.drizzleNode('articles', {
  name: 'Article',
  description: 'A news article. Its body is the reference text for every evidence offset.',
  id: KEYED_BY_ID,
  // Only the columns a query asks for (each computed field names what it reads).
  select: {},
  fields: (t) => ({
    history: historyField(t, 'Article', 'article'),
    slug: t.exposeString('id', { description: 'The stable, human-readable key of the article.' }),
    headline: t.exposeString('headline', { description: 'The headline.' }),
    headlineProvenance: t.field({
      type: Provenance,
      description: 'EDITORS when the source had no headline and editors wrote this one.',
      select: { columns: { headlineProvenance: true } },
      ...fromRow((a: Pick<ArticleRow, 'headlineProvenance'>) => a.headlineProvenance),
    }),
    publishedOn: t.field({
      type: 'Date',
      description: 'The day the article was published.',
      select: { columns: { publishedOn: true } },
      ...fromRow((a: Pick<ArticleRow, 'publishedOn'>) => a.publishedOn),
    }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'The outlet that published it, when known.',
    }),
    url: t.exposeString('url', { nullable: true, description: 'Where the article was published, when known.' }),
    language: t.exposeString('language', { description: 'The language of the body, as a BCP 47 tag.' }),
    body: t.exposeString('body', { description: 'The full text. Evidence offsets are UTF-16 indices into it.' }),
    sourceFile: t.exposeString('sourceFile', {
      nullable: true,
      description: 'The source file the body was taken from.',
    }),
    topics: t.stringList({
      description: 'Topic tags, in alphabetical order.',
      select: { with: { topics: { columns: { topic: true }, orderBy: { topic: 'asc' } } } },
      ...fromRow((a: { topics: { topic: string }[] }) => a.topics.map((row) => row.topic)),
    }),
    subheadings: t.field({
      type: [TextSpan],
      description: `Subheadings inside the body, in body order (at most ${MAX_SUBHEADINGS}); they are not part of any sentence.`,
      select: { with: { subheadings: { orderBy: { start: 'asc' }, limit: MAX_SUBHEADINGS } } },
      ...capped(MAX_SUBHEADINGS),
      resolve: (a) => a.subheadings,
    }),
    mentions: t.relation('mentions', {
      description: `The actors the article names, with the role it gives each (the first ${PLAIN_LIST_CAP}).`,
      deprecationReason: replacedBy('actorMentions'),
      query: { orderBy: { actorId: 'asc' }, limit: PLAIN_LIST_CAP },
      ...capped(PLAIN_LIST_CAP),
    }),
    actorMentions: t.relatedConnection('mentions', {
      description: 'The actors the article names, with the role it gives each, by actor key.',
      totalCount: true,
      query: { orderBy: { actorId: 'asc' } },
    }),
    evidence: t.relation('evidence', {
      description: `Evidence spans in the article of facts that are not REJECTED, in body order (the first ${PLAIN_LIST_CAP}).`,
      deprecationReason: replacedBy('evidenceSpans'),
      query: {
        where: evidenceOfLiveFacts,
        orderBy: { start: 'asc', end: 'asc', id: 'asc' },
        limit: PLAIN_LIST_CAP,
      },
      ...capped(PLAIN_LIST_CAP),
    }),
    evidenceSpans: t.relatedConnection('evidence', {
      description:
        'Every evidence span in the article of a fact that is not REJECTED, in body order (for highlighting).',
      totalCount: true,
      query: { where: evidenceOfLiveFacts, orderBy: { start: 'asc', end: 'asc', id: 'asc' } },
    }),
    quotes: t.relatedConnection('quotes', {
      description: 'The quotes in the article.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    measures: t.relatedConnection('measures', {
      description: 'The measures the article reports.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    positions: t.relatedConnection('positions', {
      description: 'The positions the article reports.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    fundingItems: t.relatedConnection('fundingItems', {
      description: 'The funding the article reports.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    figures: t.relatedConnection('figures', {
      description: 'The figures the article cites.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    events: t.relatedConnection('events', {
      description: 'The events the article cites as context.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
  }),
});

builder.drizzleObject('mentions', {
  name: 'Mention',
  description: 'An actor named in an article, with the words the article uses for them there.',
  select: {},
  fields: (t) => ({
    actor: t.relation('actor', { description: 'The actor named.' }),
    article: t.relation('article', { description: 'The article that names them.' }),
    nameAsWritten: t.exposeString('nameAsWritten', { description: 'The name as the article first writes it.' }),
    roleAsWritten: t.exposeString('roleAsWritten', {
      nullable: true,
      description: 'The role the article gives them, in its words ("the EU commissioner for security").',
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.drizzleField({
    type: 'articles',
    nullable: true,
    description: 'The article with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The slug of the article.' }) },
    extensions: rootLookup,
    resolve: (query, _root, args, ctx) => ctx.db.query.articles.findFirst(query({ where: { id: args.slug } })),
  }),
}));
