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
import type { Context } from '../../schema/builder.ts';
import { selectedCursors } from '../../schema/cursor-selection.ts';
import { isOrderingCursor, listScope, openCursor, sealCursor } from '../../schema/cursors.ts';
import { MAX_PAGE_SIZE } from '../../schema/paging.ts';
import { answerByShape, type LearnedRequest, shapeTables } from './learned-statement.ts';

export interface RootPageResult {
  connection: unknown;
  /** Whether the page came from a learned statement. */
  learned: boolean;
}

export type RootPages = (request: LearnedRequest) => Promise<RootPageResult>;

/** The learned statements of one server (its compiled-reads plugin). */
export function rootPages(): RootPages {
  const shapesOf = shapeTables();

  return async function page(request) {
    const { args, context, info, resolve } = request;
    const shape = pageShape(request);
    if (!shape) return { connection: await resolve(undefined, args, context, info), learned: false };
    const { cursor } = shape;
    const { value, learned } = await answerByShape(shapesOf(request.plan), shape.key, {
      ...request,
      values: cursor?.values ?? [],
      probeArgs: cursor && ((probes) => ({ ...args, after: cursorOf(cursor.scope, cursor.tuple, probes) })),
      isFirst: false,
      valueOf: (rows) => pageOf(rows as unknown[], args),
    });
    return { connection: value, learned };
  };
}

interface OpenedCursor {
  scope: string;
  tuple: boolean;
  values: unknown[];
}

/**
 * What decides a page's statement besides its cursor values — the list's arguments, the day its
 * filters are read on, and the kinds of the cursor's values (null moves the keyset's text) — and
 * the opened cursor. undefined: a request this file does not answer.
 */
function pageShape({ args, context, info }: LearnedRequest): { key: string; cursor?: OpenedCursor } | undefined {
  const { first, last, before, after } = args;
  if (last != null || before != null) return undefined;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return undefined;
  if (after != null && typeof after !== 'string') return undefined;
  const ctx = context as Partial<Context>;
  if (ctx.editor !== null || typeof ctx.today !== 'string' || !ctx.db) return undefined;
  const cursors = selectedCursors(info);
  if (cursors.edges || cursors.pageInfo) return undefined;
  let cursor: OpenedCursor | undefined;
  let kinds = '-';
  if (typeof after === 'string') {
    cursor = openedCursor(listScope(`${info.parentType.name}.${info.fieldName}`, args), after);
    if (!cursor) return undefined;
    kinds = cursor.tuple ? `T${cursor.values.map(kindOf).join('')}` : kindOf(cursor.values[0]);
  }
  const list: Record<string, unknown> = {};
  for (const name in args) if (name !== 'first' && name !== 'after') list[name] = args[name];
  return { key: `${first} ${kinds} ${ctx.today} ${JSON.stringify(list)}`, cursor };
}

const kindOf = (value: unknown): string => (value === null ? 'z' : typeof value === 'string' ? 's' : 'n');

/** The ordering values a sealed cursor of this list holds, or undefined if it does not open. */
function openedCursor(scope: string, cursor: string): OpenedCursor | undefined {
  const opened = openCursor(scope, cursor, isOrderingCursor);
  if (!('inner' in opened)) return undefined;
  // isOrderingCursor has read it already: base64 of `DC:` and one chunk (a tuple or a value).
  const value: unknown = decodeCursorChunk(decodeBase64(opened.inner).slice('DC:'.length));
  return Array.isArray(value) ? { scope, tuple: true, values: value } : { scope, tuple: false, values: [value] };
}

/** A cursor of this list holding `values`, written as plugin-drizzle writes one. */
function cursorOf(scope: string, tuple: boolean, values: unknown[]): string {
  const inner = encodeBase64(`DC:${tuple ? encodeCursorTuple(values) : encodeCursorChunk(values[0])}`);
  return sealCursor(scope, inner);
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
