/**
 * `articleDelete` (admins): the article, its evidence, and the facts it leaves without evidence,
 * all recorded in history. With `purge` (a legal takedown) history also loses the article's text
 * and its quotes — every entry about them keeps only who did what and when — and one PURGED
 * entry records that a purge happened, when and by whom.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { commit } from './commit.ts';
import { FACT_TYPES, type FactList } from './facts.ts';
import { evidenceChanged, type HistoryEntry, historyStatements, removed, type WriteContext } from './history.ts';
import type { Statement } from './rows.ts';
import { deletionStatements } from './statements.ts';
import { loadState } from './stored.ts';
import { type Problem, problem } from './validate.ts';

export function deleteArticle(
  db: Db,
  slug: string,
  options: { purge: boolean },
  context: WriteContext,
): Promise<{ problems: Problem[]; written: boolean; deleted: { type: string; id: string }[] }> {
  return commit<{ problems: Problem[]; deleted: { type: string; id: string }[] }>(db, async () => {
    const state = await loadState(db, { slugs: [slug], actorIds: [] });
    const stored = state.articles.get(slug);
    if (!stored) {
      return {
        revision: state.revision,
        statements: [],
        result: { problems: [problem(['input', 'id'], 'NOT_FOUND', 'No article has this ID.')], deleted: [] },
      };
    }
    const history: HistoryEntry[] = [
      removed('Article', slug, slug, options.purge ? null : { ...stored.meta, body: stored.body }),
    ];
    const deletions: Record<FactList, string[]> = {
      measures: [],
      positions: [],
      fundingItems: [],
      quotes: [],
      figures: [],
      events: [],
    };
    const deleted: { type: string; id: string }[] = [];
    const keptQuotes: { id: string; to: string }[] = [];
    for (const { list, type } of FACT_TYPES) {
      for (const id of state.reported.get(slug)?.[list] ?? []) {
        const fact = state.facts[list].get(id);
        if (!fact) continue;
        const others = [...fact.reportedBy].filter((s) => s !== slug);
        const before = options.purge ? null : { ...fact.fields, evidence: fact.evidence.get(slug) ?? [] };
        if (others.length === 0) {
          deletions[list].push(id);
          deleted.push({ type, id });
          history.push(removed(type, id, slug, before));
        } else {
          if (list === 'quotes') keptQuotes.push({ id, to: others.sort()[0] as string });
          history.push(evidenceChanged(type, id, slug, before?.evidence ?? null, []));
        }
      }
    }
    const statements: Statement[] = [
      ...deletionStatements(db, deletions),
      // A quote belongs to one article; one another article reports stays, and moves there.
      ...keptQuotes.map((q) => db.update(t.quotes).set({ articleId: q.to }).where(eq(t.quotes.id, q.id))),
      db.delete(t.articles).where(eq(t.articles.id, slug)),
    ];
    if (options.purge) {
      const quoteIds = (await db.select({ id: t.quotes.id }).from(t.quotes).where(eq(t.quotes.articleId, slug))).map(
        (q) => q.id,
      );
      statements.push(
        db
          .update(t.history)
          .set({ before: null, after: null, note: null })
          .where(
            or(
              eq(t.history.articleId, slug),
              and(eq(t.history.subjectType, 'Article'), eq(t.history.subjectKey, slug)),
              quoteIds.length
                ? and(eq(t.history.subjectType, 'Quote'), inArray(t.history.subjectKey, quoteIds))
                : undefined,
            ),
          ),
      );
      history.push({
        subjectType: 'Article',
        subjectKey: slug,
        change: 'PURGED',
        articleId: null,
        changedFields: [],
        before: null,
        after: null,
      });
    }
    statements.push(...historyStatements(db, context, history));
    return { revision: state.revision, statements, result: { problems: [], deleted } };
  });
}
