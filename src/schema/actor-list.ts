/** `actors(filter, orderBy)`: the actor list with its filter and orderings. */

import { actors } from '../db/schema.ts';
import type { ActorKind as KindValue } from '../domain.ts';
import { actorNameContains } from '../search/actor-name.ts';
import { builder } from './builder.ts';
import { ActorKind } from './enums.ts';
import { inList } from './lists/conditions.ts';
import type { Conditions, Logical } from './lists/filtering.ts';
import { columns, defineOrder } from './lists/ordering.ts';
import { rootList } from './lists/root-list.ts';

export interface ActorFilterInput extends Logical<ActorFilterInput> {
  kind?: KindValue[] | null;
  name?: string | null;
}

export const ActorFilter = builder.inputRef<ActorFilterInput>('ActorFilter').implement({
  description: 'Conditions on actors; all given conditions must hold.',
  fields: (t) => ({
    AND: t.field({ type: [ActorFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [ActorFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: ActorFilter, description: 'This filter does not hold.' }),
    kind: t.field({ type: [ActorKind], description: 'The kind is one of these.' }),
    name: t.string({
      description:
        'The name or an alias contains this, ignoring case; taken literally (no wildcards). Served by a trigram index from 3 characters.',
    }),
  }),
});

export const actorConditions: Conditions<ActorFilterInput, typeof actors> = {
  kind: (kinds, a) => inList(a.kind, kinds),
  name: (name, a) => actorNameContains(a.id, name),
};

export const ActorOrder = defineOrder(
  'ActorOrder',
  'The order of a list of actors.',
  {
    NAME: { description: 'By name.', ordering: columns('name', 'id') },
    KIND: { description: 'By kind, then name.', ordering: columns('kind', 'name', 'id') },
  },
  { field: 'NAME', direction: 'asc' },
);

rootList('actors', {
  type: 'actors',
  table: actors,
  description: 'People, institutions, governments, NGOs, companies and offices in the news.',
  filter: { ref: ActorFilter, conditions: actorConditions },
  order: ActorOrder,
});
