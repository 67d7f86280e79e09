/** Actor: a person, institution, agency, government, NGO, company, outlet, country or office. */

import type { actors } from '../db/schema.ts';
import { builder } from './builder.ts';
import { ActorKind } from './enums.ts';
import { fromRow, KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped, PLAIN_LIST_CAP, replacedBy } from './pricing.ts';
import { reviewStatusArg, reviewWhere } from './review-filter.ts';

export const Actor = builder.drizzleNode('actors', {
  name: 'Actor',
  description:
    'Someone who acts or speaks in the news: a person, institution, government, NGO, company, outlet or office.',
  id: KEYED_BY_ID,
  // Only the columns a query asks for (each computed field names what it reads).
  select: {},
  fields: (t) => ({
    history: historyField(t, 'Actor', 'actor'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the actor.' }),
    name: t.exposeString('name', { description: 'The name, as Dossier writes it.' }),
    kind: t.field({
      type: ActorKind,
      description: 'What sort of actor this is.',
      select: { columns: { kind: true } },
      ...fromRow((a: Pick<typeof actors.$inferSelect, 'kind'>) => a.kind),
    }),
    description: t.exposeString('description', { nullable: true, description: 'One sentence on who this is.' }),
    aliases: t.stringList({
      description: 'Other names articles use for the actor, in alphabetical order.',
      select: { with: { aliases: { columns: { alias: true }, orderBy: { alias: 'asc' } } } },
      ...fromRow((a: { aliases: { alias: string }[] }) => a.aliases.map((row) => row.alias)),
    }),
    mentions: t.relation('mentions', {
      description: `The articles that name the actor, with the role each gives (the first ${PLAIN_LIST_CAP}).`,
      deprecationReason: replacedBy('articleMentions'),
      query: { orderBy: { articleId: 'asc' }, limit: PLAIN_LIST_CAP },
      ...capped(PLAIN_LIST_CAP),
    }),
    articleMentions: t.relatedConnection('mentions', {
      description: 'The articles that name the actor, with the role each gives, by article slug.',
      totalCount: true,
      query: { orderBy: { articleId: 'asc' } },
    }),
    quotes: t.relatedConnection('quotes', {
      description: 'What the actor is quoted as saying.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    proposedMeasures: t.relatedConnection('proposedMeasures', {
      description: 'The measures the actor proposes.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    positions: t.relatedConnection('positions', {
      description: "The actor's stated positions.",
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    fundedItems: t.relatedConnection('fundedItems', {
      description: 'The funding the actor provides.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
    reportedFigures: t.relatedConnection('reportedFigures', {
      description: 'The figures the actor is reported as the source of.',
      totalCount: true,
      args: { reviewStatus: t.arg(reviewStatusArg) },
      query: (args) => ({ where: reviewWhere(args.reviewStatus), orderBy: { id: 'asc' } }),
    }),
  }),
});
