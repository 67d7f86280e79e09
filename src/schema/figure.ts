/** Figure: any other number a story cites (staff, months, identity cards, percent). */
import { MAX_EVIDENCE_PER_FACT } from '../ingest/caps.ts';
import { builder } from './builder.ts';
import { evidenceOrder } from './common.ts';
import { Fact, factColumns, factSelection } from './fact.ts';
import { KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped } from './pricing.ts';

export const Figure = builder.drizzleNode('figures', {
  name: 'Figure',
  description: 'A number a story cites, other than money: staff, months, identity cards, percent.',
  interfaces: [Fact],
  id: KEYED_BY_ID,
  select: factSelection,
  fields: (t) => ({
    reviewStatus: t.field(factColumns.reviewStatus),
    provenance: t.field(factColumns.provenance),
    history: historyField(t, 'Figure', 'figure'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the figure.' }),
    value: t.exposeFloat('value', { description: 'The number.' }),
    unit: t.exposeString('unit', { description: 'What is counted ("staff", "percent").' }),
    reportedText: t.exposeString('reportedText', { description: 'The number exactly as written.' }),
    approximate: t.exposeBoolean('approximate', { description: 'Whether the story hedges it ("some 750,000").' }),
    description: t.exposeString('subject', { description: 'What the number measures, in words.' }),
    reportedBy: t.relation('reporter', {
      nullable: true,
      description: 'Who reported the number, when the story says.',
    }),
    measure: t.relation('measure', { nullable: true, description: 'The measure the number belongs to.' }),
    evidence: t.relation('evidence', {
      description: `The spans that report it, in reading order (at most ${MAX_EVIDENCE_PER_FACT}).`,
      query: { orderBy: evidenceOrder, limit: MAX_EVIDENCE_PER_FACT },
      ...capped(MAX_EVIDENCE_PER_FACT),
    }),
  }),
});
