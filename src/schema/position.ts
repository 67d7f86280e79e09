/** Position: what an actor demands, supports, opposes or questions, when no measure of theirs is announced. */

import { MAX_EVIDENCE_PER_FACT } from '../ingest/caps.ts';
import { builder } from './builder.ts';
import { evidenceOrder, FuzzyDate, fuzzyColumns, fuzzyDate } from './common.ts';
import { Stance } from './enums.ts';
import { Fact, factColumns, factSelection } from './fact.ts';
import { KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped } from './pricing.ts';

export const Position = builder.drizzleNode('positions', {
  name: 'Position',
  description: "An actor's stance on a policy question, when no measure of theirs is announced.",
  interfaces: [Fact],
  id: KEYED_BY_ID,
  select: factSelection,
  fields: (t) => ({
    reviewStatus: t.field(factColumns.reviewStatus),
    provenance: t.field(factColumns.provenance),
    history: historyField(t, 'Position', 'position'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the position.' }),
    actor: t.relation('actor', { description: 'Whose position it is.' }),
    question: t.exposeString('question', { description: 'The policy question, worded the same for every actor.' }),
    stance: t.field({
      type: Stance,
      description: 'The stance taken.',
      select: { columns: { stance: true } },
      resolve: (p) => p.stance,
    }),
    summary: t.exposeString('summary', { description: 'The position, paraphrasing its sources.' }),
    stated: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When it was stated, as reported ("In March").',
      select: fuzzyColumns('stated'),
      resolve: (p) => fuzzyDate(p, 'stated'),
    }),
    evidence: t.relation('evidence', {
      description: `The spans that report it, in reading order (at most ${MAX_EVIDENCE_PER_FACT}).`,
      query: { orderBy: evidenceOrder, limit: MAX_EVIDENCE_PER_FACT },
      ...capped(MAX_EVIDENCE_PER_FACT),
    }),
  }),
});
