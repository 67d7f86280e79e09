/** Payload fields that return a stored object: loaded like `node(id:)`, with the selection asked for. */
import { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import { builder, type Context } from '../builder.ts';

/**
 * `Shape` is what the payload field's type expects (inferred from the field): `resolveNodes`
 * loads a `typename` object exactly as `node(id:)` does, which is that type's own shape.
 */
export async function loadNode<Shape>(
  ctx: Context,
  info: GraphQLResolveInfo,
  typename: string,
  key: string,
): Promise<Shape | null> {
  try {
    const [node] = await resolveNodes(builder, ctx, info, [{ id: key, typename }]);
    return (node as Shape | undefined) ?? null;
  } catch (error) {
    if (error instanceof Error && /^Model \w+\(.*\) not found$/s.test(error.message)) return null;
    throw error;
  }
}

/** Several stored objects at once, as `nodes(ids:)` loads them; those not found are left out. */
export async function loadNodes<Shape>(
  ctx: Context,
  info: GraphQLResolveInfo,
  refs: { id: string; typename: string }[],
): Promise<Shape[]> {
  const nodes = await resolveNodes(builder, ctx, info, refs);
  return nodes.filter((node) => node != null) as Shape[];
}
