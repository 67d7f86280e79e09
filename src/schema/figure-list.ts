/** `figures(filter, orderBy)`: the figure list with its filter and orderings. */
import { sql } from 'drizzle-orm';
import { figures } from '../db/schema.ts';
import type { ReviewStatus as ReviewValue } from '../domain.ts';
import { builder } from './builder.ts';
import { ReviewStatus } from './enums.ts';
import { inList, isActor, reportedBy } from './lists/conditions.ts';
import type { Conditions, Logical } from './lists/filtering.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface FigureFilterInput extends Logical<FigureFilterInput> {
  unit?: string | null;
  article?: string | null;
  reportedBy?: string | null;
  approximate?: boolean | null;
  reviewStatus?: ReviewValue[] | null;
}

export const FigureFilter = builder.inputRef<FigureFilterInput>('FigureFilter').implement({
  description: 'Conditions on figures; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [FigureFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [FigureFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: FigureFilter, description: 'This filter does not hold.' }),
    unit: t.string({ description: 'Counts this unit (exact, e.g. "percent").' }),
    article: t.id({ description: 'Cited by this article (an Article ID).' }),
    reportedBy: t.id({ description: 'Reported by this actor (an Actor ID).' }),
    approximate: t.boolean({ description: 'Hedged ("some 750,000") or not.' }),
    reviewStatus: t.field({ type: [ReviewStatus], description: 'The review status is one of these.' }),
  }),
});

export const figureConditions: Conditions<FigureFilterInput, typeof figures> = {
  unit: (unit, f) => sql`${f.unit} = ${unit}`,
  article: (id, f, path) => reportedBy('figureId', f.id, id, path),
  reportedBy: (id, f, path) => isActor(f.reporterId, id, path),
  approximate: (approximate, f) => sql`${f.approximate} = ${approximate ? 1 : 0}`,
  reviewStatus: (values, f) => inList(f.reviewStatus, values),
};

export const FigureOrder = defineOrder(
  'FigureOrder',
  'The order of a list of figures.',
  {
    KEY: { description: 'By key.', ordering: columns('id') },
    VALUE: { description: 'By unit, then value.', ordering: columns('unit', 'value', 'id') },
  },
  { field: 'KEY', direction: 'asc' },
);

rootList('figures', {
  type: 'figures',
  table: figures,
  description: 'Numbers cited in the news, other than money.',
  filter: { ref: FigureFilter, conditions: figureConditions },
  order: FigureOrder,
});
