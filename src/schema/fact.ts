/** The `Fact` interface: what every fact (measure, position, funding item, quote, figure, event) has. */
import type { Provenance as ProvenanceValue, ReviewStatus as ReviewStatusValue } from '../domain.ts';
import { builder } from './builder.ts';
import { Provenance, ReviewStatus } from './enums.ts';
import { fromRow } from './from-row.ts';
import { HistoryConnection, HistoryEntry } from './history.ts';

/**
 * The type selection of every fact type: its key and the two columns the interface's own fields read. Fact
 * types load only those and the columns a query asks for (each computed field names its columns).
 */
export const factSelection = { columns: { id: true, reviewStatus: true, provenance: true } } as const;

/** What every fact's row has. */
export type FactShape = { id: string; reviewStatus: ReviewStatusValue; provenance: ProvenanceValue };

export const Fact = builder.interfaceRef<FactShape>('Fact').implement({
  description: 'A fact drawn from one or more articles, with its editorial review status and provenance.',
  fields: (t) => ({
    reviewStatus: t.field({
      type: ReviewStatus,
      description: 'Where the fact stands in editorial review.',
      ...fromRow((fact: FactShape) => fact.reviewStatus),
    }),
    provenance: t.field({
      type: Provenance,
      description: 'Whether the fact is stated in the source text or was supplied by editors.',
      ...fromRow((fact: FactShape) => fact.provenance),
    }),
    history: t.connection(
      {
        type: HistoryEntry,
        description: 'Every write to this fact, newest first.',
        // Declared here for the interface; every fact type defines its own (historyField), paged in SQL.
        resolve: () => {
          throw new Error('Fact.history is resolved by each fact type.');
        },
      },
      HistoryConnection,
    ),
  }),
});
