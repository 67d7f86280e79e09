/**
 * The write path the mutations call (src/ingest: its zod shapes — over half the edge bundle's
 * bytes — planning and statements), in one module that the resolvers load on their first call
 * (lazy.ts) instead of when the schema is built: a read-only isolate never evaluates it, and the
 * edge's cold start does not pay for it (BENCHMARKS.md, Edge).
 */

export { resolveActorNames } from '../../ingest/actor-names.ts';
export { mergeActors, saveActor } from '../../ingest/actors.ts';
export { updateArticle } from '../../ingest/article-update.ts';
export { deleteArticle } from '../../ingest/delete.ts';
export { addEvidence, removeEvidence } from '../../ingest/evidence.ts';
export { reviewFact } from '../../ingest/review.ts';
export { updateFact } from '../../ingest/update.ts';
export { ImportError, validateImport } from '../../ingest/validate.ts';
export { importArticles } from '../../ingest/write.ts';
