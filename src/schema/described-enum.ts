/**
 * A GraphQL enum whose values are their own names, each with a description: the one way enums
 * are declared here. The record's keys give the values and their order.
 */
import { builder } from './builder.ts';

export function describedEnum<const V extends string>(name: string, description: string, values: Record<V, string>) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      Object.entries<string>(values).map(([value, about]) => [value, { value, description: about }]),
    ) as Record<V, { value: V; description: string }>,
  });
}
