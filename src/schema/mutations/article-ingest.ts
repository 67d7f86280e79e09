import { GraphQLError } from 'graphql';
import { requireRole, writableDb } from '../../auth/verify.ts';
import type { Conflict } from '../../ingest/plan.ts';
import type { ImportResult } from '../../ingest/write.ts';
import { Article } from '../article.ts';
import { builder } from '../builder.ts';
import { Fact, type FactShape } from '../fact.ts';
import { capped } from '../pricing.ts';
import { ImportConflict, ImportSummary } from './article-import.ts';
import { loadNode, loadNodes } from './load-node.ts';
import { MAX_USER_ERRORS, type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

/** Drafts a payload lists at most (and is priced at): far more than a news article yields. */
const MAX_DRAFTS = 500;

interface PayloadShape {
  slug: string | null;
  result: ImportResult | null;
  proposals: unknown;
  extractorVersion: string | null;
  dryRun: boolean;
  userErrors: UserErrorShape[];
}

const ArticleIngestPayload = builder.objectRef<PayloadShape>('ArticleIngestPayload').implement({
  description: 'The result of `articleIngest`.',
  fields: (t) => ({
    article: t.field({
      type: Article,
      nullable: true,
      description: 'The article as stored (null for a dry run of a new text, or bad input).',
      resolve: (p, _args, ctx, info) => (p.slug ? loadNode(ctx, info, 'Article', p.slug) : null),
    }),
    drafts: t.field({
      type: [Fact],
      description:
        'The facts the article reports after the ingest (the first 500): its drafts (UNREVIEWED) and the reviewed facts kept. Empty for a dry run and for bad input.',
      ...capped(MAX_DRAFTS),
      resolve: async (p, _args, ctx, info) => {
        if (!p.result || p.dryRun || p.result.problems.length) return [];
        const ids = (p.result.summary.articles[0]?.facts ?? [])
          .flatMap((f) => [...f.added, ...f.changed, ...f.unchanged].map((id) => ({ id, typename: f.type })))
          .slice(0, MAX_DRAFTS);
        return loadNodes<FactShape>(ctx, info, ids);
      },
    }),
    summary: t.field({
      type: ImportSummary,
      nullable: true,
      description: 'What the ingest changes (the same for a dry run); null for bad input.',
      resolve: (p) => p.result?.summary ?? null,
    }),
    keptReviewed: t.field({
      type: [ImportConflict],
      description:
        'Reviewed facts of the article that the extractor would change or no longer propose (the first 100): kept as they are, not a refusal.',
      ...capped(MAX_USER_ERRORS),
      resolve: (p): Conflict[] => (p.result?.kept ?? []).slice(0, MAX_USER_ERRORS),
    }),
    proposals: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The extractor’s proposals in the JSON contract of `npm run ingest -- --dry-run --json` (README, “Automatic extraction”); null for bad input.',
      resolve: (p) => p.proposals ?? null,
    }),
    extractorVersion: t.string({
      nullable: true,
      description: 'The name and version of the extractor that drafted the facts (history notes it too).',
      resolve: (p) => p.extractorVersion,
    }),
    written: t.boolean({
      description:
        'Whether anything was written (false for a dry run, bad input, or a re-ingest that changes nothing).',
      resolve: (p) => p.result?.written ?? false,
    }),
    userErrors: t.field(userErrorsField()),
  }),
});

const ArticleIngestInput = builder.inputType('ArticleIngestInput', {
  description: 'A news article’s text and what is known about it.',
  fields: (t) => ({
    body: t.string({
      required: true,
      description: 'The article’s text (at most 256 KiB of UTF-8), stored exactly as sent (a leading BOM is dropped).',
    }),
    publishedOn: t.string({
      description: 'The publication date, YYYY-MM-DD: relative dates in the text are resolved against it.',
    }),
    headline: t.string({
      description: 'The headline; without it, the first sentence cut at a word boundary, recorded as EDITORS.',
    }),
    url: t.string({ description: 'Where the article was published (http or https).' }),
    publisher: t.string({ description: 'Who published it.' }),
    dryRun: t.boolean({
      defaultValue: false,
      description: 'Return the proposals and the change summary; write nothing.',
    }),
  }),
});

builder.mutationField('articleIngest', (t) =>
  t.field({
    type: ArticleIngestPayload,
    description:
      'Drafts the facts of a new article with the extractor and stores them as UNREVIEWED facts, with the article and the new actors they name (editor role). The same text again is the same article: drafts keep their IDs, reviewed facts are kept (see `keptReviewed`). Not on the edge function (NOT_AVAILABLE_ON_EDGE).',
    args: {
      input: t.arg({ type: ArticleIngestInput, required: true, description: 'The text, its date and options.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      // The key first, as for every mutation: an anonymous caller learns nothing about the platform.
      const editor = requireRole(ctx.editor, 'EDITOR');
      if (!ctx.ingest) {
        throw new GraphQLError(
          'articleIngest is not available on the edge function (the extractor runs on the Node server); send it to a Node server.',
          { extensions: { code: 'NOT_AVAILABLE_ON_EDGE', http: { status: 501 } } },
        );
      }
      const db = writableDb(ctx);
      const dryRun = input.dryRun ?? false;
      const outcome = await ctx.ingest(
        db,
        {
          body: input.body,
          publishedOn: input.publishedOn ?? undefined,
          headline: input.headline ?? undefined,
          url: input.url ?? undefined,
          publisher: input.publisher ?? undefined,
          dryRun,
        },
        { editor: editor.name, operation: 'articleIngest', path: ['input'] },
      );
      if (!outcome.ok) {
        const userErrors = userErrorsOf(outcome.problems);
        return { slug: null, result: null, proposals: null, extractorVersion: null, dryRun, userErrors };
      }
      const { result, extraction, article } = outcome;
      // A dry run of a new text has no stored article to show.
      const isNew = result.summary.articles[0]?.change === 'CREATED';
      return {
        slug: (dryRun || result.problems.length) && isNew ? null : article.slug,
        result,
        proposals: extraction,
        extractorVersion: extraction.extractorVersion,
        dryRun,
        userErrors: userErrorsOf(result.problems),
      };
    },
  }),
);
