/** Quote: attributed speech, verbatim, with its speaker as the article names them. */

import type { quotes } from '../db/schema.ts';
import { MAX_EVIDENCE_PER_FACT } from '../ingest/caps.ts';
import { builder } from './builder.ts';
import { evidenceOrder } from './common.ts';
import { QuoteKind } from './enums.ts';
import { Fact, factColumns, factSelection } from './fact.ts';
import { fromRow, KEYED_BY_ID } from './from-row.ts';
import { historyField } from './history.ts';
import { capped } from './pricing.ts';

type QuoteRow = typeof quotes.$inferSelect;

export const Quote = builder.drizzleNode('quotes', {
  name: 'Quote',
  description: 'Attributed speech, verbatim. Scare quotes and quoted titles are not quotes.',
  interfaces: [Fact],
  id: KEYED_BY_ID,
  select: factSelection,
  fields: (t) => ({
    reviewStatus: t.field(factColumns.reviewStatus),
    provenance: t.field(factColumns.provenance),
    history: historyField(t, 'Quote', 'quote'),
    key: t.exposeString('id', { description: 'The stable, human-readable key of the quote.' }),
    text: t.exposeString('text', { description: 'What was said, verbatim, as inside the quotation marks.' }),
    kind: t.field({
      type: QuoteKind,
      description: 'Whole sentence or fragment.',
      select: { columns: { kind: true } },
      ...fromRow((row: Pick<QuoteRow, 'kind'>) => row.kind),
    }),
    speaker: t.relation('speaker', { nullable: true, description: 'Who said it.' }),
    speakerAsWritten: t.exposeString('speakerAsWritten', {
      nullable: true,
      description: 'The words naming the speaker at the attribution ("he", "King").',
    }),
    roleAsWritten: t.exposeString('roleAsWritten', {
      nullable: true,
      description: "The speaker's role as the article writes it at the attribution.",
    }),
    article: t.relation('article', { description: 'The article that reports it.' }),
    evidence: t.relation('evidence', {
      description: `The spans that report it, in reading order (at most ${MAX_EVIDENCE_PER_FACT}).`,
      query: { orderBy: evidenceOrder, limit: MAX_EVIDENCE_PER_FACT },
      ...capped(MAX_EVIDENCE_PER_FACT),
    }),
  }),
});
