/** Event: a dated happening a story cites as context. */
import { MAX_EVIDENCE_PER_FACT } from '../ingest/caps.ts';
import { builder } from './builder.ts';
import { evidenceOrder, FuzzyDate, fuzzyColumns, fuzzyDate } from './common.ts';
import { Fact, factColumns, factSelection } from './fact.ts';
import { KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped } from './pricing.ts';

export const EventNode = builder.drizzleNode('events', {
  name: 'Event',
  description: 'A dated happening a story cites as context, such as an attack.',
  interfaces: [Fact],
  id: KEYED_BY_ID,
  select: factSelection,
  fields: (t) => ({
    reviewStatus: t.field(factColumns.reviewStatus),
    provenance: t.field(factColumns.provenance),
    history: historyField(t, 'Event', 'event'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the event.' }),
    name: t.exposeString('name', { description: 'What happened.' }),
    place: t.exposeString('place', { nullable: true, description: 'Where it happened, when the story says.' }),
    date: t.field({
      type: FuzzyDate,
      description: 'When it happened, to the precision the story gives.',
      select: fuzzyColumns('date'),
      resolve: (e) => fuzzyDate(e, 'date') as NonNullable<ReturnType<typeof fuzzyDate>>,
    }),
    evidence: t.relation('evidence', {
      description: `The spans that report it, in reading order (at most ${MAX_EVIDENCE_PER_FACT}).`,
      query: { orderBy: evidenceOrder, limit: MAX_EVIDENCE_PER_FACT },
      ...capped(MAX_EVIDENCE_PER_FACT),
    }),
  }),
});
