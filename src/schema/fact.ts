/** The `Fact` interface: what every fact (measure, position, funding item, quote, figure, event) has. */
import type { Provenance as ProvenanceValue, ReviewStatus as ReviewStatusValue } from '../domain.ts';
import { builder } from './builder.ts';
import { Provenance, ReviewStatus } from './enums.ts';
import { fromRow } from './from-row.ts';
import { HistoryConnection, HistoryEntry } from './history.ts';

/**
 * The type selection of every fact type: its key only. The interface's two columns are loaded when
 * a query asks for them (`factColumns`), like every other column: a page of quotes that shows
 * their text does not read and carry each one's review status and provenance.
 */
export const factSelection = { columns: { id: true } } as const;

/** What a fact's row has when the interface's fields are asked for. */
export type FactShape = { id: string; reviewStatus: ReviewStatusValue; provenance: ProvenanceValue };

const reviewStatusField = {
  type: ReviewStatus,
  description: 'Where the fact stands in editorial review.',
} as const;

const provenanceField = {
  type: Provenance,
  description: 'Whether the fact is stated in the source text or was supplied by editors.',
} as const;

/**
 * The interface's column fields as each fact type defines them (`reviewStatus: t.field(factColumns.reviewStatus)`;
 * a type's own field overrides the interface's): each names its column, so plugin-drizzle selects it
 * only when it is asked for.
 */
export const factColumns = {
  reviewStatus: {
    ...reviewStatusField,
    select: { columns: { reviewStatus: true } },
    ...fromRow((fact: Pick<FactShape, 'reviewStatus'>) => fact.reviewStatus),
  },
  provenance: {
    ...provenanceField,
    select: { columns: { provenance: true } },
    ...fromRow((fact: Pick<FactShape, 'provenance'>) => fact.provenance),
  },
} as const;

/** The interface's declaration of a field every fact type defines itself (from `factColumns`). */
const definedByEachType = (field: string) => () => {
  throw new Error(`Fact.${field} is resolved by each fact type (factColumns in src/schema/fact.ts).`);
};

export const Fact = builder.interfaceRef<{ id: string }>('Fact').implement({
  description: 'A fact drawn from one or more articles, with its editorial review status and provenance.',
  fields: (t) => ({
    reviewStatus: t.field({ ...reviewStatusField, resolve: definedByEachType('reviewStatus') }),
    provenance: t.field({ ...provenanceField, resolve: definedByEachType('provenance') }),
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
