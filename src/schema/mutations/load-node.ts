/** Payload fields that return a stored object: loaded like `node(id:)`, with the selection asked for. */
import { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import { builder, type Context } from '../builder.ts';

export async function loadNode(
  ctx: Context,
  info: GraphQLResolveInfo,
  typename: string,
  key: string,
): Promise<unknown> {
  try {
    const [node] = await resolveNodes(builder, ctx, info, [{ id: key, typename }]);
    return node ?? null;
  } catch (error) {
    if (error instanceof Error && /^Model \w+\(.*\) not found$/s.test(error.message)) return null;
    throw error;
  }
}
