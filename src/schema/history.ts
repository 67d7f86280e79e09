/**
 * History: every write, one entry per object it touched, newest first — on every Fact, Actor and
 * Article as `history`, and at the root as `history(subject:)`, which still answers for objects
 * that were removed or merged away. History is public like every read.
 *
 * Both page in SQL by keyset on the entry's id (newest first), through the drizzle plugin like
 * every other list: the nested `history` is one correlated subquery of its parent's statement
 * (the relation `history` in relations.ts, by subject type and key); the root one is one
 * statement, plus one for `totalCount` when it is selected.
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { history } from '../db/schema.ts';
import { HISTORY_CHANGES } from '../domain.ts';
import { builder } from './builder.ts';
import { badArgument } from './lists/errors.ts';

export const HistoryChange = builder.enumType('HistoryChange', {
  description: 'What a write did to an object.',
  values: {
    CREATED: { value: HISTORY_CHANGES[0], description: 'It was created.' },
    UPDATED: { value: HISTORY_CHANGES[1], description: 'Some of its fields (or its evidence in one article) changed.' },
    REMOVED: {
      value: HISTORY_CHANGES[2],
      description: 'It was removed (a fact left with no evidence, a revoked key).',
    },
    REVIEWED: { value: HISTORY_CHANGES[3], description: 'Its review status was set.' },
    MERGED: { value: HISTORY_CHANGES[4], description: 'An actor was merged into another.' },
    PURGED: { value: HISTORY_CHANGES[5], description: 'Its text was erased from history (a legal takedown).' },
  },
});

export const HistoryEntry = builder.drizzleObject('history', {
  name: 'HistoryEntry',
  description: 'One write to one object: who, when, what, and the values before and after.',
  fields: (t) => ({
    at: t.exposeString('at', { description: 'When (ISO 8601, UTC).' }),
    editor: t.exposeString('editor', {
      description: 'Who: the API key’s name, or `seed` / `cli` for the command-line tools.',
    }),
    operation: t.exposeString('operation', { description: 'The mutation or tool, e.g. `articleImport`.' }),
    change: t.field({
      type: HistoryChange,
      description: 'What happened.',
      resolve: (r) => r.change,
    }),
    subject: t.id({
      description: 'The global ID of the object, which may no longer exist.',
      resolve: (r) => encodeGlobalID(r.subjectType, r.subjectKey),
    }),
    subjectType: t.exposeString('subjectType', { description: 'The object’s type: Article, Actor, Measure, …' }),
    articleSlug: t.exposeString('articleId', {
      nullable: true,
      description: 'The article the change happened in, for imports and evidence.',
    }),
    changedFields: t.stringList({ description: 'The fields that changed.', resolve: (r) => r.changedFields }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The changed fields’ values before (the whole object when it was removed).',
      resolve: (r) => r.before,
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The changed fields’ values after (the whole object when it was created).',
      resolve: (r) => r.after,
    }),
    note: t.exposeString('note', { nullable: true, description: 'The editor’s note, when one was given.' }),
  }),
});

export const HistoryConnection = builder.connectionObject(
  { type: HistoryEntry, name: 'HistoryConnection', description: 'History entries, newest first.' },
  { name: 'HistoryEdge', description: 'A history entry, with its cursor.' },
);

/** Newest first; the subject type is repeated here as well as in the relation (hayes/pothos#1596). */
const newestFirst = (subjectType: string) => ({ where: { subjectType }, orderBy: { id: 'desc' as const } });

/** The `history` connection of a Fact, Actor or Article (`typeName` is its GraphQL type). */
export function historyField<Field>(
  // The field builder of any drizzle node that has a `history` relation, as this call uses it.
  t: {
    relatedConnection(
      relation: 'history',
      options: { description: string; totalCount: true; query: ReturnType<typeof newestFirst> },
      connection: typeof HistoryConnection,
    ): Field;
  },
  typeName: string,
  what: string,
): Field {
  return t.relatedConnection(
    'history',
    { description: `Every write to this ${what}, newest first.`, totalCount: true, query: newestFirst(typeName) },
    HistoryConnection,
  );
}

builder.objectField(HistoryConnection, 'totalCount', (t) =>
  t.int({
    description: 'The number of items in the whole list, on every page.',
    // A nested page carries the count its parent's statement selected; the root one, a function
    // that runs its count statement (only when this field is asked for).
    resolve: (c) => {
      const { totalCount } = c as unknown as { totalCount: number | (() => Promise<number>) };
      return typeof totalCount === 'function' ? totalCount() : totalCount;
    },
  }),
);

function decodeSubject(subject: string): { typename: string; id: string } {
  try {
    return decodeGlobalID(subject);
  } catch {
    throw badArgument('subject', 'is not a global ID.');
  }
}

builder.queryField('history', (t) =>
  t.drizzleConnection(
    {
      type: 'history',
      description: 'The history of any object by its global ID, newest first — also of objects removed or merged away.',
      args: { subject: t.arg.id({ required: true, description: 'The global ID of the object.' }) },
      totalCount: (_root, args, ctx) => {
        const { typename, id } = decodeSubject(String(args.subject));
        return ctx.db.$count(history, and(eq(history.subjectType, typename), eq(history.subjectKey, id)));
      },
      resolve: (query, _root, args, ctx) => {
        const { typename, id } = decodeSubject(String(args.subject));
        const { orderBy } = newestFirst(typename);
        return ctx.db.query.history.findMany(query({ where: { subjectType: typename, subjectKey: id }, orderBy }));
      },
    },
    HistoryConnection,
  ),
);
