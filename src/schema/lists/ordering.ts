/**
 * `orderBy: { field, direction }` for a list, GitHub style. Each field names the columns it sorts
 * by, always ending in the primary key so every row has one place and cursors stay stable.
 * Nullable dates sort through a `coalesce` extra (a NULL could never be paged past); an
 * expression index on the same expression keeps those orderings off a full sort.
 */
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { builder } from '../builder.ts';
import { describedEnum } from '../described-enum.ts';
import { type Direction, OrderDirection } from './inputs.ts';

export interface Ordering {
  orderBy: Record<string, Direction>;
  /** Computed sort keys: each gets the list's table (its columns by name). */
  extras?: Record<string, (table: Record<string, SQLWrapper>) => SQL>;
}

interface OrderFieldSpec {
  description: string;
  ordering: (direction: Direction) => Ordering;
}

export interface OrderInput<F extends string> {
  field?: F | null;
  direction?: Direction | null;
}

export function defineOrder<const F extends string>(
  name: string,
  description: string,
  fields: Record<F, OrderFieldSpec>,
  defaults: { field: NoInfer<F>; direction: Direction },
) {
  const FieldEnum = describedEnum(
    `${name}Field`,
    `What ${name.replace(/Order$/, '').toLowerCase()} lists can be sorted by.`,
    Object.fromEntries(Object.entries<OrderFieldSpec>(fields).map(([key, spec]) => [key, spec.description])) as Record<
      F,
      string
    >,
  );
  // The generic enum type does not line up with the input shape for the type checker; the
  // values are the same strings either way.
  const Input = builder.inputRef<OrderInput<F>>(name).implement({
    description,
    fields: (t): never =>
      ({
        field: t.field({
          type: FieldEnum,
          defaultValue: defaults.field as never,
          description: `What to sort by (default ${defaults.field}).`,
        }),
        direction: t.field({
          type: OrderDirection,
          defaultValue: defaults.direction as never,
          description: `The direction (default ${defaults.direction.toUpperCase()}).`,
        }),
      }) as never,
  });
  const resolve = (input: OrderInput<F> | null | undefined): Ordering => {
    const field = input?.field ?? defaults.field;
    return fields[field].ordering(input?.direction ?? defaults.direction);
  };
  return { Input, resolve, defaults };
}

/** Shorthand for an ordering over plain columns, all in the same direction. */
export function columns(...names: string[]) {
  return (direction: Direction): Ordering => ({
    orderBy: Object.fromEntries(names.map((n) => [n, direction])),
  });
}
