/**
 * A new article in, draft facts out and stored: checks the input (article-input.ts), runs the
 * extractor against the actors Dossier knows, and writes the article, its UNREVIEWED drafts and
 * the new actors they name through the one write path (`importArticles`). Re-ingesting the same
 * text is the same article: drafts keep their IDs, reviewed facts are kept as they are and
 * reported (`keepReviewed`), never a refusal. History notes the extractor's version.
 *
 * Node only (CLI and the Node server): the extractor stays out of the edge bundle, whose
 * `articleIngest` answers NOT_AVAILABLE_ON_EDGE.
 */
import { eq, like, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { type PreparedArticle, prepareArticle } from '../extract/article-input.ts';
import { extract } from '../extract/extract.ts';
import type { Extraction, KnownActor } from '../extract/types.ts';
import { draftsOf } from './drafts.ts';
import type { IngestContext, IngestRequest } from './ingester.ts';
import { ImportError, type InputPaths, type Problem, problem, validateImport } from './validate.ts';
import { type ImportResult, importArticles } from './write.ts';

export type IngestedArticle =
  | { ok: false; problems: Problem[] }
  | { ok: true; article: PreparedArticle; extraction: Extraction; result: ImportResult };

export async function ingestArticle(db: Db, request: IngestRequest, context: IngestContext): Promise<IngestedArticle> {
  const at = context.path ?? [];
  const prepared = prepareArticle(request.body, request);
  if (!prepared.ok) {
    const { field, code, message } = prepared.error;
    return { ok: false, problems: [problem([...at, field], code, message)] };
  }
  const known = await knownActors(db);
  const article = { ...prepared.article, slug: await freeSlug(db, prepared.article) };
  const extraction = extract({ body: article.body, publishedOn: article.publishedOn, actors: known });
  const drafts = draftsOf(article, extraction, new Set(known.map((a) => a.id)));
  // The drafts are ours, so a problem with them is the body's (control characters, say).
  const paths: InputPaths = { actors: at, article: () => at, body: () => [...at, 'body'] };
  let valid: ReturnType<typeof validateImport>;
  try {
    valid = validateImport({ actors: drafts.actors, articles: [{ json: drafts.article, body: article.body }] }, paths);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { ok: false, problems: error.problems };
  }
  const result = await importArticles(db, valid, {
    editor: context.editor,
    operation: context.operation,
    note: `drafted by ${extraction.extractorVersion}`,
    dryRun: request.dryRun ?? false,
    keepReviewed: true,
  });
  return { ok: true, article, extraction, result };
}

/** The actors and aliases Dossier knows, for the extractor to match names against. */
export async function knownActors(db: Db): Promise<KnownActor[]> {
  const actors = await db.select({ id: t.actors.id, name: t.actors.name, kind: t.actors.kind }).from(t.actors);
  const aliases = await db.select().from(t.actorAliases);
  const byActor = new Map<string, string[]>();
  for (const { actorId, alias } of aliases) byActor.set(actorId, [...(byActor.get(actorId) ?? []), alias]);
  return actors.map((a) => ({ ...a, aliases: byActor.get(a.id) ?? [] }));
}

/**
 * The slug, made unique only against articles with a different body: the same text ingested
 * again gets the slug it got the first time (`-2`, `-3`, … for other texts under one headline).
 */
async function freeSlug(db: Db, article: PreparedArticle): Promise<string> {
  const rows = await db
    .select({ id: t.articles.id, body: t.articles.body })
    .from(t.articles)
    .where(or(eq(t.articles.id, article.slug), like(t.articles.id, `${article.slug}-%`)));
  const bodies = new Map(rows.map((r) => [r.id, r.body]));
  for (let n = 1; ; n++) {
    const slug = n === 1 ? article.slug : `${article.slug}-${n}`;
    const body = bodies.get(slug);
    if (body === undefined || body === article.body) return slug;
  }
}
