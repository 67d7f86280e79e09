/**
 * Learning a resolver's one statement, per shape of request (root-pages.ts and node-lookups.ts say
 * what a shape is and which of a request's values the statement takes): a client that records what
 * the resolver sends — and runs it, or, for a probe, does not — the parameter slots found by
 * comparing a real run with a probe run whose values are unique, the check of the learned
 * statement against the resolver's own parameters and answer, and running it as drizzle runs its
 * own (logged, rows mapped by drizzle's mapper for its selection).
 */
import type { Client, InStatement } from '@libsql/client';
import type { GraphQLResolveInfo } from 'graphql';
import { answersArrays } from '../../db/array-rows.ts';
import { type Db, throughClient } from '../../db/client.ts';
import type { Context } from '../../schema/builder.ts';

/** Shapes kept per operation; past this, the oldest is forgotten (and learned again if it comes back). */
const MAX_SHAPES = 200;

export type Resolve = (
  source: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: GraphQLResolveInfo,
) => unknown;

/** One request of a compiled root field (compiled-reads.ts), as its resolver would be called. */
export interface LearnedRequest {
  /** The operation's plan, which the learned statements are kept with. */
  plan: object;
  args: Record<string, unknown>;
  context: unknown;
  info: GraphQLResolveInfo;
  resolve: Resolve;
  /** The plan's shaping of the field's value into the answer (to check a learned answer against the resolver's). */
  shape: (value: unknown) => unknown;
}

/** A statement learned for one shape: its text, where its parameters come from, its rows' mapper. */
export interface Learned {
  text: string;
  slots: Slot[];
  mapper: Mapper;
}

/** A shape being learned (its first request is under way), never to be learned, or learned. */
export type Entry = 'learning' | 'refused' | Learned;

/** The shapes of each operation (its plan): `shapesOf(plan)` is its map of entries by shape key. */
export function shapeTables() {
  const byPlan = new WeakMap<object, Map<string, Entry>>();
  return function shapesOf(plan: object): Map<string, Entry> {
    let shapes = byPlan.get(plan);
    if (!shapes) {
      shapes = new Map();
      byPlan.set(plan, shapes);
    }
    return shapes;
  };
}

/** What a kind of root field (a page, a lookup) says about one request of a shape. */
export interface ShapeRequest extends LearnedRequest {
  /** The request's values that the statement takes as parameters (a cursor's values, an ID's key). */
  values: unknown[];
  /** The resolver's arguments with `probes` in place of `values`; undefined when there are none. */
  probeArgs?: (probes: unknown[]) => Record<string, unknown>;
  /** Whether the statement reads one row (drizzle's `findFirst`) or a list. */
  isFirst: boolean;
  /** The field's value made of the statement's mapped rows; undefined: the resolver answers. */
  valueOf(mapped: unknown): unknown;
}

/**
 * Answers one request of the shape `key`: the first request of a shape learns (others of the
 * shape meanwhile go to the resolver); a shape never to be learned goes to the resolver; a learned
 * one is answered from its statement. A resolver's error while learning is reported as always, and
 * the shape is learned on a later request, as it is when the resolver answered null (no row to
 * check a statement against).
 */
export async function answerByShape(
  shapes: Map<string, Entry>,
  key: string,
  request: ShapeRequest,
): Promise<{ value: unknown; learned: boolean }> {
  const entry = shapes.get(key);
  if (entry === undefined) {
    if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value as string);
    shapes.set(key, 'learning');
    try {
      const { value, learned } = await learn(request);
      if (learned) shapes.set(key, learned);
      else if (value == null) shapes.delete(key);
      else shapes.set(key, 'refused');
      return { value, learned: false };
    } catch (error) {
      shapes.delete(key);
      throw error;
    }
  }
  if (entry !== 'learning' && entry !== 'refused') {
    const rows = await runLearned((request.context as Context).db, entry.text, paramsOf(entry.slots, request.values));
    const value = request.valueOf(entry.mapper(rows));
    if (value !== undefined) return { value, learned: true };
  }
  const { args, context, info, resolve } = request;
  return { value: await resolve(undefined, args, context, info), learned: false };
}

/**
 * The resolver's answer to the request, run on a client that records its one statement and rows,
 * and the statement learned from it: with values to probe, the resolver runs once more on the
 * probes (recorded, never run, not logged) to find the slots; the learned statement must give this
 * request's parameters and, from the recorded rows, the same answer.
 */
async function learn(request: ShapeRequest): Promise<{ value: unknown; learned?: Learned }> {
  const { args, context, info, resolve } = request;
  const ctx = context as Context;
  const real = recordingClient(ctx.db.$client, true);
  const value = await resolve(undefined, args, { ...ctx, db: throughClient(ctx.db, real.client) }, info);
  const [sent] = real.recorded;
  if (value == null || real.recorded.length !== 1 || !sent) return { value };
  let slots: Slot[] | undefined = sent.statement.args.map((constant) => ({ value: constant }));
  if (request.probeArgs) {
    const probes = request.values.map(probeFor);
    const probe = recordingClient(ctx.db.$client, false);
    try {
      const probeDb = throughClient(ctx.db, probe.client, { logged: false });
      await resolve(undefined, request.probeArgs(probes), { ...ctx, db: probeDb }, info);
    } catch {
      return { value }; // the resolver would not plan a probe: this shape is left to it
    }
    // A probe finds no row, so a lookup's resolver may look further (a merged actor): its first statement is the one.
    const [probed] = probe.recorded;
    slots = probed ? slotsOf(sent, probed, probes) : undefined;
  }
  const mapper = mapperOf(ctx.db, sent.statement.sql, request.isFirst);
  if (!slots || !mapper || !sameParams(paramsOf(slots, request.values), sent.statement.args)) return { value };
  try {
    const mine = request.valueOf(mapper(sent.rows));
    if (mine === undefined || JSON.stringify(request.shape(mine)) !== JSON.stringify(request.shape(value))) {
      return { value };
    }
  } catch {
    return { value }; // rows the plan cannot shape: graphql-js answers this request (compiled-reads.ts)
  }
  return { value, learned: { text: sent.statement.sql, slots, mapper } };
}

/** Where a parameter comes from: the request's value number `probe`, or a constant of the shape. */
export type Slot = { probe: number } | { value: unknown };

/** One recorded statement: what was sent, and the rows that came back (none for a probe). */
export interface Recorded {
  statement: { sql: string; args: unknown[] };
  rows: unknown[];
}

export type Mapper = (rows: unknown[]) => unknown;

/** A probe value of the kind of `value`, which no statement holds by chance. */
function probeFor(value: unknown, index: number): unknown {
  if (value === null) return null;
  return typeof value === 'string' ? `\u0000dossier-probe-${index}\u0000` : -987_654_321.0625 - index;
}

/**
 * The slots of a statement, from the same resolver run on the request's values (`real`) and on
 * `probes` in their place: a parameter that is a probe is that value; any other must be the same in
 * both runs. undefined when the two statements differ otherwise (their text, a moving parameter).
 */
function slotsOf(real: Recorded, probed: Recorded, probes: unknown[]): Slot[] | undefined {
  const { args } = real.statement;
  if (probed.statement.sql !== real.statement.sql || probed.statement.args.length !== args.length) return undefined;
  const slots: Slot[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = probed.statement.args[i];
    const index = value === null ? -1 : probes.indexOf(value);
    if (index >= 0) slots.push({ probe: index });
    else if (Object.is(value, args[i])) slots.push({ value });
    else return undefined;
  }
  return slots;
}

function paramsOf(slots: Slot[], values: unknown[]): unknown[] {
  return slots.map((slot) => ('probe' in slot ? values[slot.probe] : slot.value));
}

/** Whether a learned statement gives exactly the parameters the resolver sent. */
function sameParams(params: unknown[], sent: unknown[]): boolean {
  return params.length === sent.length && params.every((value, i) => Object.is(value, sent[i]));
}

/** drizzle's mapper of a relational statement's rows (as its async relational query makes it). */
function mapperOf(db: Db, text: string, isFirst: boolean): Mapper | undefined {
  const selection = db.$statementCache?.selections.get(text);
  if (!selection) return undefined;
  const { dialect } = db as unknown as {
    dialect: { mapperGenerators: { relationalRows(options: object): Mapper } };
  };
  return dialect.mapperGenerators.relationalRows({
    isFirst,
    parseJson: true,
    parseJsonIfString: false,
    rootJsonMappers: false,
    selection,
    arrayModeRoot: true,
  });
}

/** Runs a learned statement on the request's database, logged as drizzle logs the statements it runs. */
async function runLearned(db: Db, text: string, params: unknown[]): Promise<unknown[]> {
  db.$logger?.logQuery(text, params);
  return readRows(db.$client, { sql: text, args: params } as InStatement);
}

/** Rows as arrays where the client hands them so, else libSQL's rows (which read by index too). */
async function readRows(client: Client, statement: InStatement): Promise<unknown[]> {
  return answersArrays(client) ? (await client.executeArrays(statement)).rows : (await client.execute(statement)).rows;
}

/**
 * A client over `client` that records each statement read as arrays, and its rows; `run` false
 * answers no rows without running anything (a probe). A statement sent any other way is run and
 * recorded without its text, so that nothing is learned from it.
 */
function recordingClient(client: Client, run: boolean) {
  const recorded: Recorded[] = [];
  const read = async (statement: InStatement) => {
    const entry: Recorded = {
      statement:
        typeof statement === 'string'
          ? { sql: statement, args: [] }
          : { sql: statement.sql, args: Array.isArray(statement.args) ? [...statement.args] : [] },
      rows: [],
    };
    recorded.push(entry);
    if (run) entry.rows = await readRows(client, statement);
    return { rows: entry.rows };
  };
  const wrapped = Object.create(client, {
    executeArrays: { value: read },
    execute: {
      value: (statement: InStatement) => {
        recorded.push({ statement: { sql: '', args: [] }, rows: [] });
        return client.execute(statement);
      },
    },
  }) as Client;
  return { client: wrapped, recorded };
}
