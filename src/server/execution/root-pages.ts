/**
 * Root-list pages from a learned statement. A compiled root list (read-plan.ts) still calls its
 * resolver on every request, and that resolver plans its page from scratch each time: the paging
 * plugin opens the cursor, root-list.ts builds the filter and the cursor's bound, plugin-drizzle
 * turns the cursor into a keyset condition and merges it with the selection, drizzle builds the
 * relational query, and the statement cache (src/db/statement-cache.ts) reads all of that back
 * into a shape. For a page of 20 plain rows this is most of the request's JavaScript.
 *
 * Here a page's statement is learned once per *shape* — the list's arguments as given (filter,
 * ordering, `first`), the day and, when `after` is given, the kinds of its cursor's values — and
 * then only its parameters are put in place:
 *
 * 1. The first request of a shape runs the resolver as always, on a client that records the one
 *    statement it sends and the rows it gets. With a cursor, the resolver runs once more, on a
 *    cursor of the same kinds whose values are unique probes, on a client that records without
 *    running anything: a parameter that is a probe value is that cursor value; any other must be
 *    the same in both runs, a constant of the shape. Anything else (another text, a parameter
 *    that moves, more than one statement) and the shape is never learned.
 * 2. The learned statement is checked on that same request: the parameters it gives for the real
 *    cursor must be the resolver's own, and the page it makes of the recorded rows must shape into
 *    the same answer as the resolver's page. Otherwise the shape is never learned.
 * 3. Later requests of the shape open their cursor (the paging plugin's own check: a cursor of
 *    another list or one edited by hand is refused), put its values in place, run the statement,
 *    map the rows with drizzle's mapper for the statement's selection, and cut the page as
 *    plugin-drizzle does (one row more than `first` asked for says there is a next page).
 *
 * Only what this file can reproduce exactly is learned: anonymous requests (an editor's key may
 * change what a list shows), forward pages (`first`, and `after` or not), no `totalCount` (a
 * second statement) and no cursor asked of the page (plugin-drizzle's cursor formatter is its
 * own). Everything else, and any request whose cursor does not open, goes to the resolver, which
 * reports any error as graphql-js does.
 */

import { decodeBase64, decodeCursorChunk, encodeBase64, encodeCursorChunk, encodeCursorTuple } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { throughClient } from '../../db/client.ts';
import type { Context } from '../../schema/builder.ts';
import { selectedCursors } from '../../schema/cursor-selection.ts';
import { isOrderingCursor, listScope, openCursor, sealCursor } from '../../schema/cursors.ts';
import { MAX_PAGE_SIZE } from '../../schema/paging.ts';
import {
  answerByShape,
  type Learned,
  type LearnedRequest,
  mapperOf,
  paramsOf,
  probeFor,
  recordingClient,
  runLearned,
  type Slot,
  sameParams,
  shapeTables,
  slotsOf,
} from './learned-statement.ts';

type RootPageRequest = LearnedRequest;

export interface RootPageResult {
  connection: unknown;
  /** Whether the page came from a learned statement. */
  learned: boolean;
}

export type RootPages = (request: RootPageRequest) => Promise<RootPageResult>;

/** The learned statements of one server (its compiled-reads plugin). */
export function rootPages(): RootPages {
  const shapesOf = shapeTables();

  return async function page(request: RootPageRequest): Promise<RootPageResult> {
    const { args, context, info, resolve } = request;
    const key = shapeKey(request);
    if (key === undefined) return { connection: await resolve(undefined, args, context, info), learned: false };
    const { value, learned } = await answerByShape(shapesOf(request.plan), key, {
      learn: async () => {
        const { connection, learned } = await learn(request);
        return { value: connection, learned };
      },
      fromLearned: (learned) => fromLearned(learned, request),
      resolve: async () => resolve(undefined, args, context, info),
    });
    return { connection: value, learned };
  };
}

/**
 * What decides a page's statement besides its cursor values: the list's arguments, the day its
 * filters are read on, and the kinds of the cursor's values (null moves the keyset's text).
 * undefined: a request this file does not answer.
 */
function shapeKey({ args, context, info }: RootPageRequest): string | undefined {
  const { first, last, before, after } = args;
  if (last != null || before != null) return undefined;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return undefined;
  if (after != null && typeof after !== 'string') return undefined;
  const ctx = context as Partial<Context>;
  if (ctx.editor !== null || typeof ctx.today !== 'string' || !ctx.db) return undefined;
  const cursors = selectedCursors(info);
  if (cursors.edges || cursors.pageInfo) return undefined;
  let kinds = '-';
  if (typeof after === 'string') {
    const values = cursorValues(scopeOf(info, args), after);
    if (!values) return undefined;
    kinds = values.tuple ? `T${values.values.map(kindOf).join('')}` : kindOf(values.values[0]);
  }
  const list: Record<string, unknown> = {};
  for (const name in args) if (name !== 'first' && name !== 'after') list[name] = args[name];
  return `${first} ${kinds} ${ctx.today} ${JSON.stringify(list)}`;
}

const kindOf = (value: unknown): string => (value === null ? 'z' : typeof value === 'string' ? 's' : 'n');

function scopeOf(info: GraphQLResolveInfo, args: Record<string, unknown>): string {
  return listScope(`${info.parentType.name}.${info.fieldName}`, args);
}

/** The ordering values a sealed cursor of this list holds, or undefined if it does not open. */
function cursorValues(scope: string, cursor: string): { tuple: boolean; values: unknown[] } | undefined {
  const opened = openCursor(scope, cursor, isOrderingCursor);
  if (!('inner' in opened)) return undefined;
  // isOrderingCursor has read it already: base64 of `DC:` and one chunk (a tuple or a value).
  const value: unknown = decodeCursorChunk(decodeBase64(opened.inner).slice('DC:'.length));
  return Array.isArray(value) ? { tuple: true, values: value } : { tuple: false, values: [value] };
}

/** A cursor of this list holding `values`, written as plugin-drizzle writes one. */
function cursorOf(scope: string, tuple: boolean, values: unknown[]): string {
  const inner = encodeBase64(`DC:${tuple ? encodeCursorTuple(values) : encodeCursorChunk(values[0])}`);
  return sealCursor(scope, inner);
}

async function learn(request: RootPageRequest): Promise<{ connection: unknown; learned?: Learned }> {
  const { args, context, info, resolve } = request;
  const ctx = context as Context;
  const real = recordingClient(ctx.db.$client, true);
  const connection = await resolve(undefined, args, { ...ctx, db: throughClient(ctx.db, real.client) }, info);
  const [sent] = real.recorded;
  if (real.recorded.length !== 1 || !sent) return { connection };

  let slots: Slot[] | undefined = sent.statement.args.map((value) => ({ value }));
  let values: unknown[] = [];
  if (typeof args.after === 'string') {
    const scope = scopeOf(info, args);
    const opened = cursorValues(scope, args.after);
    if (!opened) return { connection };
    values = opened.values;
    const probes = values.map(probeFor);
    const probe = recordingClient(ctx.db.$client, false);
    const probeArgs = { ...args, after: cursorOf(scope, opened.tuple, probes) };
    try {
      // Through no logger: the probe's statement is never run.
      await resolve(undefined, probeArgs, { ...ctx, db: throughClient(ctx.db, probe.client, { logged: false }) }, info);
    } catch {
      return { connection }; // the resolver would not plan a probe: this shape is left to it
    }
    const [probed] = probe.recorded;
    slots = probe.recorded.length === 1 && probed ? slotsOf(sent, probed, probes) : undefined;
  }
  const mapper = mapperOf(ctx.db, sent.statement.sql, false);
  // The learned statement, checked on this request: the resolver's parameters, and its answer.
  if (!slots || !mapper || !sameParams(paramsOf(slots, values), sent.statement.args)) return { connection };
  const learned: Learned = { text: sent.statement.sql, slots, mapper };
  try {
    const mine = pageOf(mapper(sent.rows) as unknown[], args);
    if (JSON.stringify(request.shape(mine)) !== JSON.stringify(request.shape(connection))) return { connection };
  } catch {
    return { connection }; // rows the plan cannot shape: graphql-js answers this request (compiled-reads.ts)
  }
  return { connection, learned };
}

async function fromLearned(learned: Learned, request: RootPageRequest): Promise<unknown> {
  const { args, context, info } = request;
  let values: unknown[] = [];
  if (typeof args.after === 'string') {
    const opened = cursorValues(scopeOf(info, args), args.after);
    if (!opened) return undefined;
    values = opened.values;
  }
  const rows = await runLearned((context as Context).db, learned.text, paramsOf(learned.slots, values));
  return pageOf(learned.mapper(rows) as unknown[], args);
}

/** plugin-drizzle's connection of a forward page (wrapConnectionResult): one row past `first` means more. */
function pageOf(rows: unknown[], args: Record<string, unknown>) {
  const first = args.first as number;
  const full = rows.length > first;
  const nodes = full ? rows.slice(0, first) : rows;
  return {
    edges: nodes.map((node) => ({ node })),
    pageInfo: { hasNextPage: full, hasPreviousPage: args.after != null, startCursor: null, endCursor: null },
  };
}
