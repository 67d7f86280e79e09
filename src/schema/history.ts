/**
 * History: every write, one entry per object it touched, newest first — on every Fact, Actor and
 * Article as `history`, and at the root as `history(subject:)`, which still answers for objects
 * that were removed or merged away. History is public like every read.
 */
import { decodeGlobalID, encodeGlobalID, resolveArrayConnection } from '@pothos/plugin-relay';
import { and, desc, eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { Db } from '../db/client.ts';
import { history } from '../db/schema.ts';
import { HISTORY_CHANGES, type HistoryChange as HistoryChangeValue } from '../domain.ts';
import { builder } from './builder.ts';

type Row = typeof history.$inferSelect;

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

export const HistoryEntry = builder.objectRef<Row>('HistoryEntry').implement({
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
      resolve: (r) => r.change as HistoryChangeValue,
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

export async function historyRows(db: Db, subjectType: string, subjectKey: string): Promise<Row[]> {
  return db
    .select()
    .from(history)
    .where(and(eq(history.subjectType, subjectType), eq(history.subjectKey, subjectKey)))
    .orderBy(desc(history.id));
}

/** A page of one object's history (the list is short: it is paged in memory). */
export async function historyPage(
  db: Db,
  subjectType: string,
  subjectKey: string,
  args: { first?: number | null; last?: number | null; before?: string | null; after?: string | null },
) {
  const rows = await historyRows(db, subjectType, subjectKey);
  return { ...resolveArrayConnection({ args }, rows), totalCount: rows.length };
}

builder.objectField(HistoryConnection, 'totalCount', (t) =>
  t.int({
    description: 'The number of items in the whole list, on every page.',
    resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
  }),
);

builder.queryField('history', (t) =>
  t.connection(
    {
      type: HistoryEntry,
      description: 'The history of any object by its global ID, newest first — also of objects removed or merged away.',
      args: { subject: t.arg.id({ required: true, description: 'The global ID of the object.' }) },
      resolve: async (_root, args, ctx) => {
        let decoded: { typename: string; id: string };
        try {
          decoded = decodeGlobalID(String(args.subject));
        } catch {
          throw new GraphQLError('subject is not a global ID.', { extensions: { code: 'BAD_USER_INPUT' } });
        }
        return historyPage(ctx.db, decoded.typename, decoded.id, args);
      },
    },
    HistoryConnection,
  ),
);
