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
import { throughClient } from '../../db/client.ts';
import type { Context } from '../../schema/builder.ts';
import {
  answerByShape,
  type LearnedRequest,
  mapperOf,
  paramsOf,
  probeFor,
  recordingClient,
  runLearned,
  sameParams,
  shapeTables,
  slotsOf,
} from './learned-statement.ts';

type NodeLookupRequest = LearnedRequest;

export type NodeLookups = (request: NodeLookupRequest) => Promise<{ value: unknown; learned: boolean }>;

export function nodeLookups(): NodeLookups {
  const shapesOf = shapeTables();

  return async function lookup(request) {
    const { args, context, info, resolve } = request;
    const id = decodedId(request);
    if (!id) return { value: await resolve(undefined, args, context, info), learned: false };
    const key = `${id.typename} ${(context as Context).today}`;
    return answerByShape(shapesOf(request.plan), key, {
      learn: async () => {
        const { value, learned } = await learn(request, id);
        // A lookup that found nothing teaches nothing: the next one of the type learns.
        return { value, learned, again: value == null };
      },
      fromLearned: async (learned) => {
        const rows = await runLearned((context as Context).db, learned.text, paramsOf(learned.slots, [id.id]));
        const row = learned.mapper(rows);
        if (!row) return undefined;
        // For the `Node` interface's resolveType, as the resolver brands its row (node-lookup.ts).
        brandWithType(row, id.typename as never);
        return row;
      },
      resolve: async () => resolve(undefined, args, context, info),
    });
  };
}

/** The request's ID, decoded as plugin-relay decodes it; undefined for a request left to the resolver. */
function decodedId({ args, context }: NodeLookupRequest): { typename: string; id: string } | undefined {
  const ctx = context as Partial<Context>;
  if (ctx.editor !== null || typeof ctx.today !== 'string' || !ctx.db || typeof args.id !== 'string') return undefined;
  try {
    const { typename, id } = decodeGlobalID(args.id);
    return typeof id === 'string' && typename ? { typename, id } : undefined;
  } catch {
    return undefined;
  }
}

async function learn(request: NodeLookupRequest, id: { typename: string; id: string }) {
  const { args, context, info, resolve } = request;
  const ctx = context as Context;
  const real = recordingClient(ctx.db.$client, true);
  const value = await resolve(undefined, args, { ...ctx, db: throughClient(ctx.db, real.client) }, info);
  const [sent] = real.recorded;
  if (value == null || real.recorded.length !== 1 || !sent) return { value };
  const probe = recordingClient(ctx.db.$client, false);
  const probes = [probeFor(id.id, 0)];
  try {
    // Through no logger: the probe's statements are never run.
    const probeArgs = { ...args, id: encodeGlobalID(id.typename, probes[0] as string) };
    await resolve(undefined, probeArgs, { ...ctx, db: throughClient(ctx.db, probe.client, { logged: false }) }, info);
  } catch {
    return { value };
  }
  // The probe finds no row, so the resolver may look further (a merged actor): its first statement is the lookup.
  const [probed] = probe.recorded;
  const slots = probed ? slotsOf(sent, probed, probes) : undefined;
  const mapper = mapperOf(ctx.db, sent.statement.sql, true);
  if (!slots || !mapper || !sameParams(paramsOf(slots, [id.id]), sent.statement.args)) return { value };
  try {
    const row = mapper(sent.rows);
    if (!row) return { value };
    brandWithType(row, id.typename as never);
    if (JSON.stringify(request.shape(row)) !== JSON.stringify(request.shape(value))) return { value };
  } catch {
    return { value };
  }
  return { value, learned: { text: sent.statement.sql, slots, mapper } };
}
