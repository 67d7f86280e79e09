/**
 * The whole dataset in the import format — actors, and each article with its facts and spans,
 * review states included — so that importing an export into an empty database reproduces it.
 * A fact reported by several articles appears in each, with that article's spans.
 */
import type { Db } from '../db/client.ts';
import { FACT_TYPES, type FactInput } from './facts.ts';
import type { ActorInput, ArticleInput } from './format.ts';
import { allKeys, loadActors, loadState } from './stored.ts';

export interface Dataset {
  actors: ActorInput[];
  articles: { article: ArticleInput; body: string }[];
}

export async function exportDataset(db: Db): Promise<Dataset> {
  const { slugs, actorIds } = await allKeys(db);
  const state = await loadState(db, { slugs, actorIds: [] });
  const actors = [...(await loadActors(db, actorIds)).values()].sort((a, b) => a.id.localeCompare(b.id));
  const articles = slugs.map((slug) => {
    const { meta, body } = state.articles.get(slug) as NonNullable<ReturnType<typeof state.articles.get>>;
    const article = { ...meta } as Record<string, unknown>;
    for (const { list } of FACT_TYPES) {
      const ids = [...(state.reported.get(slug)?.[list] ?? [])].sort();
      article[list] = ids.map((id) => {
        const fact = state.facts[list].get(id);
        return { ...fact?.fields, evidence: fact?.evidence.get(slug) ?? [] } as FactInput;
      });
    }
    return { article: article as ArticleInput, body };
  });
  return { actors, articles };
}
