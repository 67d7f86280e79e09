/**
 * `node(id:)` from a learned statement, as root-pages.ts does for pages. The resolver decodes the
 * global ID, plans the type's selection with plugin-drizzle and builds drizzle's `findFirst` on
 * every request; the statement only ever differs by the key.
 *
 * Per type of ID (and day), the first lookup that finds its row runs the resolver on a client that
 * records the one statement and its row, and once more on a probe ID of that type whose key is a
 * unique value, recorded and never run: the parameter holding the probe is the key, and every other
 * parameter must be the same in both runs. The learned statement must give that request's own
 * parameters and, from its row, the same answer. Later lookups of the type put their key in place,
 * run the statement and map its one row with drizzle's mapper. A lookup that finds no row (an
 * unknown ID, or a merged actor's old ID, which the resolver follows to the actor it was merged
 * into) goes to the resolver, as does anything that is not an anonymous request with a well-formed
 * ID.
 */
import { brandWithType } from '@pothos/core';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../../schema/builder.ts';
import { answerByShape, type LearnedRequest, shapeTables } from './learned-statement.ts';

export type NodeLookups = (request: LearnedRequest) => Promise<{ value: unknown; learned: boolean }>;

export function nodeLookups(): NodeLookups {
  const shapesOf = shapeTables();

  return async function lookup(request) {
    const { args, context, info, resolve } = request;
    const id = decodedId(request);
    if (!id) return { value: await resolve(undefined, args, context, info), learned: false };
    return answerByShape(shapesOf(request.plan), `${id.typename} ${(context as Context).today}`, {
      ...request,
      values: [id.id],
      probeArgs: ([probe]) => ({ ...args, id: encodeGlobalID(id.typename, probe as string) }),
      isFirst: true,
      valueOf: (row) => {
        if (!row) return undefined;
        // For the `Node` interface's resolveType, as the resolver brands its row (node-lookup.ts).
        brandWithType(row, id.typename as never);
        return row;
      },
    });
  };
}

/** The request's ID, decoded as plugin-relay decodes it; undefined for a request left to the resolver. */
function decodedId({ args, context }: LearnedRequest): { typename: string; id: string } | undefined {
  const ctx = context as Partial<Context>;
  if (ctx.editor !== null || typeof ctx.today !== 'string' || !ctx.db || typeof args.id !== 'string') return undefined;
  try {
    const { typename, id } = decodeGlobalID(args.id);
    return typeof id === 'string' && typename ? { typename, id } : undefined;
  } catch {
    return undefined;
  }
}
