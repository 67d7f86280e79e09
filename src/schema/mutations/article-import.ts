/**
 * `articleImport`: an article with all its facts, in the import format of src/ingest/format.ts
 * (as in seeds/articles/<slug>.json), atomic and idempotent by slug, through the one write path.
 * `dryRun` gives the same summary and writes nothing.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { requireRole, writableDb } from '../../auth/verify.ts';
import { FACT_TYPES } from '../../ingest/facts.ts';
import type { ChangeSummary, Conflict } from '../../ingest/plan.ts';
import { Article } from '../article.ts';
import { builder } from '../builder.ts';
import { ReviewStatus } from '../enums.ts';
import { capped } from '../pricing.ts';
import { writePath } from './lazy.ts';
import { loadNode } from './load-node.ts';
import { MAX_USER_ERRORS, type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

interface PayloadShape {
  slug: string | null;
  summary: ChangeSummary | null;
  conflicts: Conflict[];
  written: boolean;
  userErrors: UserErrorShape[];
}

const ids = (type: string, keys: string[]) => keys.map((k) => encodeGlobalID(type, k));

const FactChangeSummary = builder
  .objectRef<ChangeSummary['articles'][number]['facts'][number]>('FactChangeSummary')
  .implement({
    description: 'What an import does to one type of fact in one article, by global ID.',
    fields: (t) => ({
      type: t.exposeString('type', {
        description: 'The fact type: Measure, Position, FundingItem, Quote, Figure, Event.',
      }),
      added: t.idList({ description: 'Facts the article reports from now on.', resolve: (f) => ids(f.type, f.added) }),
      changed: t.idList({ description: 'Facts whose fields or spans change.', resolve: (f) => ids(f.type, f.changed) }),
      unchanged: t.idList({ description: 'Facts that stay as they are.', resolve: (f) => ids(f.type, f.unchanged) }),
      removed: t.idList({
        description: 'Facts the article no longer reports: they lose its evidence.',
        resolve: (f) => ids(f.type, f.removed),
      }),
    }),
  });

const ArticleChangeSummary = builder.objectRef<ChangeSummary['articles'][number]>('ArticleChangeSummary').implement({
  description: 'What an import does to one article.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'The article’s slug.' }),
    change: t.exposeString('change', { description: 'CREATED, UPDATED or UNCHANGED.' }),
    changedFields: t.exposeStringList('changedFields', { description: 'The article’s own fields that change.' }),
    facts: t.field({
      type: [FactChangeSummary],
      description: 'Its facts, by type.',
      ...capped(FACT_TYPES.length),
      resolve: (a) => a.facts,
    }),
  }),
});

export const ImportSummary = builder.objectRef<ChangeSummary>('ImportSummary').implement({
  description: 'The change summary of an import (the same for a dry run and a real run).',
  fields: (t) => ({
    // `articleImport` imports one article.
    articles: t.field({
      type: [ArticleChangeSummary],
      description: 'Per article.',
      ...capped(1),
      resolve: (s) => s.articles,
    }),
    actorsAdded: t.idList({ description: 'Actors created.', resolve: (s) => ids('Actor', s.actors.added) }),
    actorsChanged: t.idList({ description: 'Actors changed.', resolve: (s) => ids('Actor', s.actors.changed) }),
    deleted: t.idList({
      description: 'Facts left with no evidence in any article: removed from every read (their history stays).',
      resolve: (s) => s.deleted.map((d) => encodeGlobalID(d.type, d.id)),
    }),
  }),
});

export const ImportConflict = builder.objectRef<Conflict>('ImportConflict').implement({
  description: 'A reviewed fact the import would change or remove: nothing is written unless overwriteReviewed.',
  fields: (t) => ({
    fact: t.id({ description: 'The fact’s global ID.', resolve: (c) => encodeGlobalID(c.type, c.id) }),
    articleSlug: t.exposeString('article', { description: 'The article being imported.' }),
    reviewStatus: t.field({
      type: ReviewStatus,
      description: 'The fact’s review status.',
      resolve: (c) => c.reviewStatus as 'CONFIRMED',
    }),
    change: t.exposeString('change', { description: 'CHANGED or REMOVED.' }),
    changedFields: t.exposeStringList('changedFields', { description: 'The fields the import would change.' }),
  }),
});

const ArticleImportPayload = builder.objectRef<PayloadShape>('ArticleImportPayload').implement({
  description: 'The result of `articleImport`.',
  fields: (t) => ({
    article: t.field({
      type: Article,
      nullable: true,
      description: 'The article as stored after the import (before it, for a dry run).',
      resolve: (p, _args, ctx, info) => (p.slug ? loadNode(ctx, info, 'Article', p.slug) : null),
    }),
    summary: t.field({
      type: ImportSummary,
      nullable: true,
      description: 'What the import changes; null when the input is invalid.',
      resolve: (p) => p.summary,
    }),
    conflicts: t.field({
      type: [ImportConflict],
      description: `Reviewed facts it would change (the first ${MAX_USER_ERRORS}).`,
      ...capped(MAX_USER_ERRORS),
      resolve: (p) => p.conflicts.slice(0, MAX_USER_ERRORS),
    }),
    written: t.exposeBoolean('written', {
      description: 'Whether anything was written (false for a dry run, a refusal, or an import that changes nothing).',
    }),
    userErrors: t.field(userErrorsField()),
  }),
});

const ArticleImportInput = builder.inputType('ArticleImportInput', {
  description: 'An article and all its facts.',
  fields: (t) => ({
    article: t.field({
      type: 'JSON',
      required: true,
      description:
        'The article’s metadata and facts in the import format (src/ingest/format.ts; seeds/articles/<slug>.json is an example). Offsets are UTF-16 indices into `body`.',
    }),
    body: t.string({
      required: true,
      description: 'The article’s text, stored exactly as sent (a leading BOM is dropped).',
    }),
    actors: t.field({
      type: 'JSON',
      description: 'New or changed actors the article names, in the shape of seeds/actors.json.',
    }),
    dryRun: t.boolean({ defaultValue: false, description: 'Return the change summary without writing anything.' }),
    overwriteReviewed: t.boolean({
      defaultValue: false,
      description: 'Let the import change or remove reviewed facts (admins only).',
    }),
  }),
});

builder.mutationField('articleImport', (t) =>
  t.field({
    type: ArticleImportPayload,
    description:
      'Imports an article with all its facts, atomically; the same import twice changes nothing. A re-import replaces the article’s annotation but never changes reviewed facts (see `conflicts`).',
    args: {
      input: t.arg({ type: ArticleImportInput, required: true, description: 'The article, its body and options.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, input.overwriteReviewed ? 'ADMIN' : 'EDITOR');
      const db = writableDb(ctx);
      const { ImportError, importArticles, resolveActorNames, validateImport } = await writePath();
      let valid: ReturnType<typeof validateImport>;
      // Actors may be named by ID, or by a name or alias that fits exactly one actor.
      const raw = await resolveActorNames(ctx.db, {
        articles: [{ json: structuredClone(input.article), body: input.body }],
        ...(input.actors == null ? {} : { actors: input.actors }),
      });
      try {
        valid = validateImport(raw, {
          actors: ['input', 'actors'],
          article: () => ['input', 'article'],
          body: () => ['input', 'body'],
        });
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        return { slug: null, summary: null, conflicts: [], written: false, userErrors: userErrorsOf(error.problems) };
      }
      const result = await importArticles(db, valid, {
        editor: editor.name,
        operation: 'articleImport',
        dryRun: input.dryRun ?? false,
        overwriteReviewed: input.overwriteReviewed ?? false,
      });
      return {
        slug: valid.articles[0]?.article.slug ?? null,
        summary: result.summary,
        conflicts: result.conflicts,
        written: result.written,
        userErrors: userErrorsOf(result.problems),
      };
    },
  }),
);
