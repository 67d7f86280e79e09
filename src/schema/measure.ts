/** Measure: a policy measure or proposal, with its proposer, parts, dates and funding. */

import type { measures } from '../db/schema.ts';
import {
  MAX_ACTORS_PER_MEASURE,
  MAX_EVIDENCE_PER_FACT,
  MAX_FIGURES_PER_MEASURE,
  MAX_FUNDING_ITEMS_PER_MEASURE,
  MAX_PARTS_PER_MEASURE,
} from '../ingest/caps.ts';
import { builder } from './builder.ts';
import { evidenceOrder, FuzzyDate, fuzzyColumns, fuzzyDate } from './common.ts';
import { MeasureActorRole, MeasureStatus, MeasureType } from './enums.ts';
import { Fact, factColumns, factSelection } from './fact.ts';
import { fromRow, KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped } from './pricing.ts';
import { reviewWhere } from './review-filter.ts';

type MeasureRow = typeof measures.$inferSelect;

export const Measure = builder.drizzleNode('measures', {
  name: 'Measure',
  description: 'A policy measure or proposal reported in the news.',
  interfaces: [Fact],
  id: KEYED_BY_ID,
  select: factSelection,
  fields: (t) => ({
    reviewStatus: t.field(factColumns.reviewStatus),
    provenance: t.field(factColumns.provenance),
    history: historyField(t, 'Measure', 'measure'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the measure.' }),
    title: t.exposeString('title', { description: 'A short title.' }),
    summary: t.exposeString('summary', { description: 'What the measure does, paraphrasing its sources.' }),
    type: t.field({
      type: MeasureType,
      description: 'What kind of measure it is.',
      select: { columns: { type: true } },
      ...fromRow((row: Pick<MeasureRow, 'type'>) => row.type),
    }),
    status: t.field({
      type: MeasureStatus,
      description: 'How far it has got, as reported.',
      select: { columns: { status: true } },
      ...fromRow((row: Pick<MeasureRow, 'status'>) => row.status),
    }),
    proposer: t.relation('proposer', { nullable: true, description: 'Who proposes it, when the story says.' }),
    parent: t.relation('parent', { nullable: true, description: 'The package this measure is part of.' }),
    parts: t.relation('parts', {
      description: `The measures that make up this package (not REJECTED ones; at most ${MAX_PARTS_PER_MEASURE}).`,
      query: { where: reviewWhere(null), orderBy: { id: 'asc' }, limit: MAX_PARTS_PER_MEASURE },
      ...capped(MAX_PARTS_PER_MEASURE),
    }),
    actors: t.relation('actorLinks', {
      description: `The actors it targets or involves, besides its proposer (at most ${MAX_ACTORS_PER_MEASURE}).`,
      query: { orderBy: { role: 'asc', actorId: 'asc' }, limit: MAX_ACTORS_PER_MEASURE },
      ...capped(MAX_ACTORS_PER_MEASURE),
    }),
    announced: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When it was announced.',
      select: fuzzyColumns('announced'),
      resolve: (m) => fuzzyDate(m, 'announced'),
    }),
    expected: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When it is expected ("early next year").',
      select: fuzzyColumns('expected'),
      resolve: (m) => fuzzyDate(m, 'expected'),
    }),
    deadline: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'Its deadline ("within the next 16 months").',
      select: fuzzyColumns('deadline'),
      resolve: (m) => fuzzyDate(m, 'deadline'),
    }),
    fundingItems: t.relation('fundingItems', {
      description: `The funding reported for it (not REJECTED items; at most ${MAX_FUNDING_ITEMS_PER_MEASURE}).`,
      query: { where: reviewWhere(null), orderBy: { id: 'asc' }, limit: MAX_FUNDING_ITEMS_PER_MEASURE },
      ...capped(MAX_FUNDING_ITEMS_PER_MEASURE),
    }),
    figures: t.relation('figures', {
      description: `Figures that describe it (not REJECTED ones; at most ${MAX_FIGURES_PER_MEASURE}).`,
      query: { where: reviewWhere(null), orderBy: { id: 'asc' }, limit: MAX_FIGURES_PER_MEASURE },
      ...capped(MAX_FIGURES_PER_MEASURE),
    }),
    evidence: t.relation('evidence', {
      description: `The spans that report it, in reading order (at most ${MAX_EVIDENCE_PER_FACT}).`,
      query: { orderBy: evidenceOrder, limit: MAX_EVIDENCE_PER_FACT },
      ...capped(MAX_EVIDENCE_PER_FACT),
    }),
    articles: t.relatedConnection('articles', {
      description: 'The articles that report it.',
      totalCount: true,
      query: { orderBy: { publishedOn: 'desc', id: 'desc' } },
    }),
  }),
});

builder.drizzleObject('measureActors', {
  name: 'MeasureActor',
  description: 'An actor a measure targets or involves, and how.',
  select: {},
  fields: (t) => ({
    actor: t.relation('actor', { description: 'The actor.' }),
    role: t.field({
      type: MeasureActorRole,
      description: 'How the actor is involved.',
      select: { columns: { role: true } },
      resolve: (l) => l.role,
    }),
  }),
});
