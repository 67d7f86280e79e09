/**
 * Editing actors: create, update (name, kind, aliases, description) and merge. The extractor will
 * propose duplicates; a merge moves every fact, mention and alias of one actor to another, keeps
 * the old name as an alias, and leaves a redirect so the old ID still resolves through `node`.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { commit } from './commit.ts';
import { canonicalActor, changedFields } from './facts.ts';
import { type ActorInput, actorSchema } from './format.ts';
import { created, historyStatements, type WriteContext } from './history.ts';
import type { Statement } from './rows.ts';
import { actorStatements } from './statements.ts';
import { loadActors, readRevisionOf } from './stored.ts';
import { inputProblems, type Problem, problem } from './validate.ts';

type Outcome = { problems: Problem[]; written: boolean; id: string | null };

/**
 * Creates (`existing` false) or updates one actor from a full or partial value; the values are
 * not trusted (`unknown`): merged with the stored actor, they are checked with the import schema.
 */
export function saveActor(
  db: Db,
  input: { [K in keyof ActorInput]?: unknown } & { id: string },
  mode: 'create' | 'update',
  context: WriteContext,
): Promise<Outcome> {
  return commit<{ problems: Problem[]; id: string | null }>(db, async () => {
    const revision = await readRevisionOf(db);
    const refuse = (problems: Problem[]) => ({ revision, statements: [], result: { problems, id: null } });
    const stored = (await loadActors(db, [input.id])).get(input.id);
    if (mode === 'create' && stored)
      return refuse([problem(['input', 'id'], 'TAKEN', `An actor "${input.id}" exists already.`)]);
    if (mode === 'update' && !stored) return refuse([problem(['input', 'id'], 'NOT_FOUND', 'No actor has this ID.')]);
    if (mode === 'create' && (await redirected(db, input.id))) {
      return refuse([
        problem(['input', 'id'], 'TAKEN', `"${input.id}" was merged into another actor; choose another id.`),
      ]);
    }
    const parsed = actorSchema.safeParse({ ...stored, ...input });
    if (!parsed.success) {
      return refuse(inputProblems(parsed.error));
    }
    const actor = canonicalActor({ ...parsed.data, aliases: [...new Set(parsed.data.aliases)] });
    const diff = stored ? changedFields(stored, actor) : [];
    if (stored && diff.length === 0) return { revision, statements: [], result: { problems: [], id: actor.id } };
    const pick = (v: ActorInput) => Object.fromEntries(diff.map((k) => [k, v[k as keyof ActorInput]]));
    return {
      revision,
      statements: [
        ...actorStatements(db, [actor]),
        ...historyStatements(db, context, [
          stored
            ? {
                subjectType: 'Actor',
                subjectKey: actor.id,
                change: 'UPDATED',
                articleId: null,
                changedFields: diff,
                before: pick(stored),
                after: pick(actor),
              }
            : created('Actor', actor.id, null, actor),
        ]),
      ],
      result: { problems: [], id: actor.id },
    };
  });
}

/** Moves everything of `from` to `into`, then removes `from`, leaving a redirect. */
export function mergeActors(db: Db, fromId: string, intoId: string, context: WriteContext): Promise<Outcome> {
  return commit<{ problems: Problem[]; id: string | null }>(db, async () => {
    const revision = await readRevisionOf(db);
    const refuse = (problems: Problem[]) => ({ revision, statements: [], result: { problems, id: null } });
    if (fromId === intoId)
      return refuse([problem(['input', 'into'], 'SELF_REFERENCE', 'An actor cannot be merged into itself.')]);
    const found = await loadActors(db, [fromId, intoId]);
    const from = found.get(fromId);
    const into = found.get(intoId);
    const missing: Problem[] = [];
    if (!from) missing.push(problem(['input', 'from'], 'NOT_FOUND', 'No actor has this ID.'));
    if (!into) missing.push(problem(['input', 'into'], 'NOT_FOUND', 'No actor has this ID.'));
    if (!from || !into) return refuse(missing);

    const aliases = [...new Set([...into.aliases, ...from.aliases, from.name])].filter((a) => a !== into.name).sort();
    const moved = await referencesOf(db, fromId);
    const statements: Statement[] = [
      // Where both are named, the merged actor's own row stays and the duplicate's goes.
      db
        .delete(t.mentions)
        .where(
          and(
            eq(t.mentions.actorId, fromId),
            sql`${t.mentions.articleId} IN (SELECT article_id FROM mentions WHERE actor_id = ${intoId})`,
          ),
        ),
      db.update(t.mentions).set({ actorId: intoId }).where(eq(t.mentions.actorId, fromId)),
      db
        .delete(t.measureActors)
        .where(
          and(
            eq(t.measureActors.actorId, fromId),
            sql`(${t.measureActors.measureId}, ${t.measureActors.role}) IN (SELECT measure_id, role FROM measure_actors WHERE actor_id = ${intoId})`,
          ),
        ),
      db.update(t.measureActors).set({ actorId: intoId }).where(eq(t.measureActors.actorId, fromId)),
      db.update(t.measures).set({ proposerId: intoId }).where(eq(t.measures.proposerId, fromId)),
      db.update(t.positions).set({ actorId: intoId }).where(eq(t.positions.actorId, fromId)),
      db.update(t.fundingItems).set({ funderId: intoId }).where(eq(t.fundingItems.funderId, fromId)),
      db.update(t.quotes).set({ speakerId: intoId }).where(eq(t.quotes.speakerId, fromId)),
      db.update(t.figures).set({ reporterId: intoId }).where(eq(t.figures.reporterId, fromId)),
      ...actorStatements(db, [{ ...into, aliases }]),
      db.update(t.actorRedirects).set({ toId: intoId }).where(eq(t.actorRedirects.toId, fromId)),
      db.delete(t.actors).where(eq(t.actors.id, fromId)),
      db.insert(t.actorRedirects).values({ fromId, toId: intoId }),
      ...historyStatements(db, context, [
        {
          subjectType: 'Actor',
          subjectKey: fromId,
          change: 'MERGED',
          articleId: null,
          changedFields: [],
          before: from,
          after: { mergedInto: intoId, moved },
        },
        {
          subjectType: 'Actor',
          subjectKey: intoId,
          change: 'UPDATED',
          articleId: null,
          changedFields: ['aliases'],
          before: { aliases: into.aliases },
          after: { aliases, mergedFrom: fromId, moved },
        },
      ]),
    ];
    return { revision, statements, result: { problems: [], id: intoId } };
  });
}

/** The facts that name an actor, by list: what a merge moves, for history. */
async function referencesOf(db: Db, id: string): Promise<Record<string, string[]>> {
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
  return {
    measures: [
      ...new Set([
        ...(await ids(db.select({ id: t.measures.id }).from(t.measures).where(eq(t.measures.proposerId, id)))),
        ...(
          await db
            .select({ id: t.measureActors.measureId })
            .from(t.measureActors)
            .where(eq(t.measureActors.actorId, id))
        ).map((r) => r.id),
      ]),
    ].sort(),
    positions: await ids(db.select({ id: t.positions.id }).from(t.positions).where(eq(t.positions.actorId, id))),
    fundingItems: await ids(
      db.select({ id: t.fundingItems.id }).from(t.fundingItems).where(eq(t.fundingItems.funderId, id)),
    ),
    quotes: await ids(db.select({ id: t.quotes.id }).from(t.quotes).where(eq(t.quotes.speakerId, id))),
    figures: await ids(db.select({ id: t.figures.id }).from(t.figures).where(eq(t.figures.reporterId, id))),
  };
}

async function redirected(db: Db, id: string): Promise<boolean> {
  return (
    (
      await db
        .select()
        .from(t.actorRedirects)
        .where(inArray(t.actorRedirects.fromId, [id]))
    ).length > 0
  );
}
