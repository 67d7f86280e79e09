/** `positions(filter, orderBy)`: the position list with its filter and orderings. */
import { sql } from 'drizzle-orm';
import { positions } from '../db/schema.ts';
import type { ReviewStatus as ReviewValue, Stance as StanceValue } from '../domain.ts';
import { builder } from './builder.ts';
import { ReviewStatus, Stance } from './enums.ts';
import { inList, isActor, reportedBy } from './lists/conditions.ts';
import type { Conditions, Logical } from './lists/filtering.ts';
import { DateRange, type DateRangeInput, fuzzyOverlaps } from './lists/inputs.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface PositionFilterInput extends Logical<PositionFilterInput> {
  actor?: string | null;
  question?: string | null;
  stance?: StanceValue[] | null;
  stated?: DateRangeInput | null;
  article?: string | null;
  reviewStatus?: ReviewValue[] | null;
}

export const PositionFilter = builder.inputRef<PositionFilterInput>('PositionFilter').implement({
  description: 'Conditions on positions; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [PositionFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [PositionFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: PositionFilter, description: 'This filter does not hold.' }),
    actor: t.id({ description: 'Held by this actor (an Actor ID).' }),
    question: t.string({ description: 'On this policy question (exact wording).' }),
    stance: t.field({ type: [Stance], description: 'The stance is one of these.' }),
    stated: t.field({ type: DateRange, description: 'Stated at a time that can fall in this range.' }),
    article: t.id({ description: 'Reported by this article (an Article ID).' }),
    reviewStatus: t.field({ type: [ReviewStatus], description: 'The review status is one of these.' }),
  }),
});

export const positionConditions: Conditions<PositionFilterInput, typeof positions> = {
  actor: (id, p, path) => isActor(p.actorId, id, path),
  question: (question, p) => sql`${p.question} = ${question}`,
  stance: (values, p) => inList(p.stance, values),
  stated: (range, p, path) => fuzzyOverlaps(p.statedEarliest, p.statedLatest, range, path),
  article: (id, p, path) => reportedBy('positionId', p.id, id, path),
  reviewStatus: (values, p) => inList(p.reviewStatus, values),
};

export const PositionOrder = defineOrder(
  'PositionOrder',
  'The order of a list of positions.',
  {
    KEY: { description: 'By key.', ordering: columns('id') },
    QUESTION: { description: 'By question, then stance.', ordering: columns('question', 'stance', 'id') },
  },
  { field: 'KEY', direction: 'asc' },
);

rootList('positions', {
  type: 'positions',
  table: positions,
  description: 'Stances actors take on policy questions.',
  filter: { ref: PositionFilter, conditions: positionConditions },
  order: PositionOrder,
});
