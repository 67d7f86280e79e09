/** The one place joins are declared (drizzle relations v2); the GraphQL layer only names them. */
import { defineRelations } from 'drizzle-orm';
import * as schema from './schema.ts';

export const relations = defineRelations(schema, (r) => ({
  articles: {
    history: r.many.history({
      from: r.articles.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Article' },
    }),
    topics: r.many.articleTopics({ from: r.articles.id, to: r.articleTopics.articleId }),
    subheadings: r.many.articleSubheadings({ from: r.articles.id, to: r.articleSubheadings.articleId }),
    mentions: r.many.mentions({ from: r.articles.id, to: r.mentions.articleId }),
    quotes: r.many.quotes({ from: r.articles.id, to: r.quotes.articleId }),
    evidence: r.many.evidence({ from: r.articles.id, to: r.evidence.articleId }),
    measures: r.many.measures({
      from: r.articles.id.through(r.reports.articleId),
      to: r.measures.id.through(r.reports.measureId),
    }),
    positions: r.many.positions({
      from: r.articles.id.through(r.reports.articleId),
      to: r.positions.id.through(r.reports.positionId),
    }),
    fundingItems: r.many.fundingItems({
      from: r.articles.id.through(r.reports.articleId),
      to: r.fundingItems.id.through(r.reports.fundingItemId),
    }),
    figures: r.many.figures({
      from: r.articles.id.through(r.reports.articleId),
      to: r.figures.id.through(r.reports.figureId),
    }),
    events: r.many.events({
      from: r.articles.id.through(r.reports.articleId),
      to: r.events.id.through(r.reports.eventId),
    }),
  },
  actors: {
    history: r.many.history({
      from: r.actors.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Actor' },
    }),
    aliases: r.many.actorAliases({ from: r.actors.id, to: r.actorAliases.actorId }),
    mentions: r.many.mentions({ from: r.actors.id, to: r.mentions.actorId }),
    quotes: r.many.quotes({ from: r.actors.id, to: r.quotes.speakerId }),
    proposedMeasures: r.many.measures({ from: r.actors.id, to: r.measures.proposerId }),
    positions: r.many.positions({ from: r.actors.id, to: r.positions.actorId }),
    fundedItems: r.many.fundingItems({ from: r.actors.id, to: r.fundingItems.funderId }),
    reportedFigures: r.many.figures({ from: r.actors.id, to: r.figures.reporterId }),
  },
  mentions: {
    actor: r.one.actors({ from: r.mentions.actorId, to: r.actors.id, optional: false }),
    article: r.one.articles({ from: r.mentions.articleId, to: r.articles.id, optional: false }),
  },
  measures: {
    history: r.many.history({
      from: r.measures.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Measure' },
    }),
    proposer: r.one.actors({ from: r.measures.proposerId, to: r.actors.id }),
    parent: r.one.measures({ from: r.measures.parentId, to: r.measures.id, alias: 'measure_parent' }),
    parts: r.many.measures({ from: r.measures.id, to: r.measures.parentId, alias: 'measure_parent' }),
    actorLinks: r.many.measureActors({ from: r.measures.id, to: r.measureActors.measureId }),
    fundingItems: r.many.fundingItems({ from: r.measures.id, to: r.fundingItems.measureId }),
    figures: r.many.figures({ from: r.measures.id, to: r.figures.measureId }),
    evidence: r.many.evidence({ from: r.measures.id, to: r.evidence.measureId }),
    articles: r.many.articles({
      from: r.measures.id.through(r.reports.measureId),
      to: r.articles.id.through(r.reports.articleId),
    }),
  },
  measureActors: {
    actor: r.one.actors({ from: r.measureActors.actorId, to: r.actors.id, optional: false }),
  },
  positions: {
    history: r.many.history({
      from: r.positions.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Position' },
    }),
    actor: r.one.actors({ from: r.positions.actorId, to: r.actors.id, optional: false }),
    evidence: r.many.evidence({ from: r.positions.id, to: r.evidence.positionId }),
  },
  fundingItems: {
    history: r.many.history({
      from: r.fundingItems.id,
      to: r.history.subjectKey,
      where: { subjectType: 'FundingItem' },
    }),
    funder: r.one.actors({ from: r.fundingItems.funderId, to: r.actors.id }),
    measure: r.one.measures({ from: r.fundingItems.measureId, to: r.measures.id }),
    flags: r.many.fundingItemFlags({ from: r.fundingItems.id, to: r.fundingItemFlags.fundingItemId }),
    evidence: r.many.evidence({ from: r.fundingItems.id, to: r.evidence.fundingItemId }),
  },
  quotes: {
    history: r.many.history({
      from: r.quotes.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Quote' },
    }),
    article: r.one.articles({ from: r.quotes.articleId, to: r.articles.id, optional: false }),
    speaker: r.one.actors({ from: r.quotes.speakerId, to: r.actors.id }),
    evidence: r.many.evidence({ from: r.quotes.id, to: r.evidence.quoteId }),
  },
  figures: {
    history: r.many.history({
      from: r.figures.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Figure' },
    }),
    reporter: r.one.actors({ from: r.figures.reporterId, to: r.actors.id }),
    measure: r.one.measures({ from: r.figures.measureId, to: r.measures.id }),
    evidence: r.many.evidence({ from: r.figures.id, to: r.evidence.figureId }),
  },
  events: {
    history: r.many.history({
      from: r.events.id,
      to: r.history.subjectKey,
      where: { subjectType: 'Event' },
    }),
    evidence: r.many.evidence({ from: r.events.id, to: r.evidence.eventId }),
  },
  evidence: {
    article: r.one.articles({ from: r.evidence.articleId, to: r.articles.id, optional: false }),
  },
}));
