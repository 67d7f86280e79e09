/**
 * `articleUpdate`: an article's metadata (headline, url, publisher, topics). Its body changes only
 * through a re-import, where every span of the new annotation is checked against the new body.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { commit } from './commit.ts';
import { changedFields } from './facts.ts';
import { articleSchema } from './format.ts';
import { historyStatements, type WriteContext } from './history.ts';
import { loadState } from './stored.ts';
import { inputProblems, type Problem, problem } from './validate.ts';

const EDITABLE = articleSchema.pick({ headline: true, url: true, publisher: true, topics: true });
export type ArticlePatch = Partial<{
  headline: string;
  url: string | null;
  publisher: string | null;
  topics: string[];
}>;

export function updateArticle(
  db: Db,
  slug: string,
  patch: ArticlePatch,
  context: WriteContext,
): Promise<{ problems: Problem[]; written: boolean }> {
  return commit<{ problems: Problem[] }>(db, async () => {
    const state = await loadState(db, { slugs: [slug], actorIds: [] });
    const refuse = (problems: Problem[]) => ({ revision: state.revision, statements: [], result: { problems } });
    const stored = state.articles.get(slug)?.meta;
    if (!stored) return refuse([problem(['input', 'id'], 'NOT_FOUND', 'No article has this ID.')]);
    const before = { headline: stored.headline, url: stored.url, publisher: stored.publisher, topics: stored.topics };
    const parsed = EDITABLE.safeParse({ ...before, ...patch });
    if (!parsed.success) {
      return refuse(inputProblems(parsed.error));
    }
    const after = { ...parsed.data, topics: [...new Set(parsed.data.topics)].sort() };
    const diff = changedFields(before, after);
    if (diff.length === 0) return refuse([]);
    const pick = (v: Record<string, unknown>) => Object.fromEntries(diff.map((k) => [k, v[k]]));
    return {
      revision: state.revision,
      statements: [
        db
          .update(t.articles)
          .set({ headline: after.headline, url: after.url, publisher: after.publisher })
          .where(eq(t.articles.id, slug)),
        db.delete(t.articleTopics).where(eq(t.articleTopics.articleId, slug)),
        ...(after.topics.length
          ? [db.insert(t.articleTopics).values(after.topics.map((topic) => ({ articleId: slug, topic })))]
          : []),
        ...historyStatements(db, context, [
          {
            subjectType: 'Article',
            subjectKey: slug,
            change: 'UPDATED',
            articleId: slug,
            changedFields: diff,
            before: pick(before),
            after: pick(after),
          },
        ]),
      ],
      result: { problems: [] },
    };
  });
}
