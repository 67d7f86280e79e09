/** `events(filter, orderBy)`: the event list with its filter and orderings. */

import { events } from '../db/schema.ts';
import type { ReviewStatus as ReviewValue } from '../domain.ts';
import { builder } from './builder.ts';
import { ReviewStatus } from './enums.ts';
import { inList, reportedBy } from './lists/conditions.ts';
import type { Conditions, Logical } from './lists/filtering.ts';
import { DateRange, type DateRangeInput, fuzzyOverlaps } from './lists/inputs.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface EventFilterInput extends Logical<EventFilterInput> {
  date?: DateRangeInput | null;
  article?: string | null;
  reviewStatus?: ReviewValue[] | null;
}

export const EventFilter = builder.inputRef<EventFilterInput>('EventFilter').implement({
  description: 'Conditions on events; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [EventFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [EventFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: EventFilter, description: 'This filter does not hold.' }),
    date: t.field({ type: DateRange, description: 'Happened at a time that can fall in this range.' }),
    article: t.id({ description: 'Cited by this article (an Article ID).' }),
    reviewStatus: t.field({ type: [ReviewStatus], description: 'The review status is one of these.' }),
  }),
});

export const eventConditions: Conditions<EventFilterInput, typeof events> = {
  date: (range, e, path) => fuzzyOverlaps(e.dateEarliest, e.dateLatest, range, path),
  article: (id, e, path) => reportedBy('eventId', e.id, id, path),
  reviewStatus: (values, e) => inList(e.reviewStatus, values),
};

export const EventOrder = defineOrder(
  'EventOrder',
  'The order of a list of events.',
  {
    DATE: { description: 'By earliest possible date.', ordering: columns('dateEarliest', 'id') },
    NAME: { description: 'By name.', ordering: columns('name', 'id') },
  },
  { field: 'DATE', direction: 'asc' },
);

rootList('events', {
  type: 'events',
  table: events,
  description: 'Dated happenings the news cites as context.',
  filter: { ref: EventFilter, conditions: eventConditions },
  order: EventOrder,
});
