/** `articleUpdate`: an article's metadata. Its body changes only through `articleImport`. */
import { requireRole, writableDb } from '../../auth/verify.ts';
import { Article } from '../article.ts';
import { builder } from '../builder.ts';
import { keyOfType } from './fact-ref.ts';
import { writePath } from './lazy.ts';
import { loadNode } from './load-node.ts';
import { type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

const ArticleUpdateInput = builder.inputType('ArticleUpdateInput', {
  description: 'The metadata of an article to change; fields left out stay.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article’s global ID.' }),
    headline: t.string({ description: 'The headline.' }),
    url: t.string({ description: 'Where it was published (http or https), or null.' }),
    publisher: t.string({ description: 'The outlet, or null.' }),
    topics: t.stringList({ description: 'Topic tags, kebab-case (replaces the list).' }),
  }),
});

const ArticleUpdatePayload = builder
  .objectRef<{ slug: string | null; userErrors: UserErrorShape[] }>('ArticleUpdatePayload')
  .implement({
    description: 'The result of `articleUpdate`.',
    fields: (t) => ({
      article: t.field({
        type: Article,
        nullable: true,
        description: 'The article as stored now.',
        resolve: (p, _args, ctx, info) => (p.slug ? loadNode(ctx, info, 'Article', p.slug) : null),
      }),
      userErrors: t.field(userErrorsField()),
    }),
  });

builder.mutationField('articleUpdate', (t) =>
  t.field({
    type: ArticleUpdatePayload,
    description: 'Changes an article’s headline, url, publisher or topics (editors and admins).',
    args: {
      input: t.arg({ type: ArticleUpdateInput, required: true, description: 'The article and its new metadata.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const slug = keyOfType(input.id, 'Article');
      if (!slug)
        return {
          slug: null,
          userErrors: [
            { field: ['input', 'id'], code: 'NOT_FOUND', message: 'This is not the global ID of an article.' },
          ],
        };
      const patch: Record<string, unknown> = {};
      for (const field of ['headline', 'url', 'publisher', 'topics'] as const) {
        if (input[field] !== undefined) patch[field] = input[field];
      }
      const result = await (await writePath()).updateArticle(db, slug, patch, {
        editor: editor.name,
        operation: 'articleUpdate',
      });
      if (result.problems.length) return { slug: null, userErrors: userErrorsOf(result.problems) };
      return { slug, userErrors: [] };
    },
  }),
);
