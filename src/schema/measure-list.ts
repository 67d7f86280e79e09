/** `measures(filter, orderBy)`: the measures list with its filter and orderings. */
import { sql } from 'drizzle-orm';
import { measureActors, measures } from '../db/schema.ts';
import type { ReviewStatus as ReviewValue, MeasureStatus as StatusValue, MeasureType as TypeValue } from '../domain.ts';
import { builder } from './builder.ts';
import { MeasureStatus, MeasureType, ReviewStatus } from './enums.ts';
import { inList, isActor, reportedBy } from './lists/conditions.ts';
import { type Conditions, keyOf, type Logical } from './lists/filtering.ts';
import { DateRange, type DateRangeInput, fuzzyOverlaps } from './lists/inputs.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

/** Statuses after which a passed deadline is no longer "overdue": the measure happened or ended. */
const SETTLED = ['ADOPTED', 'IN_FORCE', 'WITHDRAWN'] as const;

export interface MeasureFilterInput extends Logical<MeasureFilterInput> {
  status?: StatusValue[] | null;
  type?: TypeValue[] | null;
  proposer?: string | null;
  target?: string | null;
  involves?: string | null;
  article?: string | null;
  deadline?: DateRangeInput | null;
  overdue?: { asOf?: string | null } | null;
  reviewStatus?: ReviewValue[] | null;
}

const Overdue = builder.inputRef<{ asOf?: string | null }>('OverdueFilter').implement({
  description:
    'Measures whose deadline had passed by a day, with no adoption, entry into force or withdrawal reported.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day to judge by (default: today, UTC).' }),
  }),
});

export const MeasureFilter = builder.inputRef<MeasureFilterInput>('MeasureFilter').implement({
  description: 'Conditions on measures; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [MeasureFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [MeasureFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: MeasureFilter, description: 'This filter does not hold.' }),
    status: t.field({ type: [MeasureStatus], description: 'The status is one of these.' }),
    type: t.field({ type: [MeasureType], description: 'The type is one of these.' }),
    proposer: t.id({ description: 'Proposed by this actor (an Actor ID).' }),
    target: t.id({ description: 'Aimed at this actor (an Actor ID).' }),
    involves: t.id({ description: 'Targets or involves this actor in any role (an Actor ID).' }),
    article: t.id({ description: 'Reported by this article (an Article ID).' }),
    deadline: t.field({ type: DateRange, description: 'The deadline can fall in this range.' }),
    overdue: t.field({ type: Overdue, description: 'The deadline has passed with no adoption reported.' }),
    reviewStatus: t.field({ type: [ReviewStatus], description: 'The review status is one of these.' }),
  }),
});

export const measureConditions: Conditions<MeasureFilterInput, typeof measures> = {
  status: (values, m) => inList(m.status, values),
  type: (values, m) => inList(m.type, values),
  proposer: (id, m, path) => isActor(m.proposerId, id, path),
  target: (id, m, path) =>
    sql`EXISTS (SELECT 1 FROM ${measureActors} WHERE ${measureActors.measureId} = ${m.id} AND ${measureActors.role} = 'TARGET' AND ${measureActors.actorId} = ${keyOf(id, 'Actor', path)})`,
  involves: (id, m, path) =>
    sql`EXISTS (SELECT 1 FROM ${measureActors} WHERE ${measureActors.measureId} = ${m.id} AND ${measureActors.actorId} = ${keyOf(id, 'Actor', path)})`,
  article: (id, m, path) => reportedBy('measureId', m.id, id, path),
  deadline: (range, m, path) => fuzzyOverlaps(m.deadlineEarliest, m.deadlineLatest, range, path),
  overdue: ({ asOf }, m, _path, { today }) =>
    sql`(${m.deadlineLatest} < ${asOf ?? today} AND ${inList(m.status, SETTLED)} = 0)`,
  reviewStatus: (values, m) => inList(m.reviewStatus, values),
};

export const MeasureOrder = defineOrder(
  'MeasureOrder',
  'The order of a list of measures.',
  {
    KEY: { description: 'By key.', ordering: columns('id') },
    TITLE: { description: 'By title.', ordering: columns('title', 'id') },
    STATUS: { description: 'By status, then key.', ordering: columns('status', 'id') },
    DEADLINE: {
      description: 'By earliest possible deadline; measures without one sort after all others.',
      ordering: (direction) => ({
        orderBy: { deadlineSort: direction, id: direction },
        extras: { deadlineSort: (m) => sql`coalesce(${m.deadlineEarliest}, '9999-12-31')` },
      }),
    },
  },
  { field: 'KEY', direction: 'asc' },
);

rootList('measures', {
  type: 'measures',
  table: measures,
  description: 'Policy measures and proposals reported in the news.',
  filter: { ref: MeasureFilter, conditions: measureConditions },
  order: MeasureOrder,
});
