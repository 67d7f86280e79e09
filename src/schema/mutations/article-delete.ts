/** `articleDelete` (admins): the article, its evidence and the facts left without any. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { requireRole, writableDb } from '../../auth/verify.ts';
import { builder } from '../builder.ts';
import { keyOfType } from './fact-ref.ts';
import { writePath } from './lazy.ts';
import { type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

const ArticleDeleteInput = builder.inputType('ArticleDeleteInput', {
  description: 'The article to delete.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article’s global ID.' }),
    purge: t.boolean({
      defaultValue: false,
      description:
        'A legal takedown: also erase the article’s text and its quotes from history, keeping only that a purge happened, when and by whom.',
    }),
  }),
});

const ArticleDeletePayload = builder
  .objectRef<{ deletedArticleId: string | null; deletedFactIds: string[]; userErrors: UserErrorShape[] }>(
    'ArticleDeletePayload',
  )
  .implement({
    description: 'The result of `articleDelete`.',
    fields: (t) => ({
      deletedArticleId: t.exposeID('deletedArticleId', {
        nullable: true,
        description: 'The deleted article’s global ID.',
      }),
      deletedFactIds: t.exposeIDList('deletedFactIds', {
        description: 'Facts no other article reports, deleted with it.',
      }),
      userErrors: t.field(userErrorsField('Why nothing was deleted.')),
    }),
  });

builder.mutationField('articleDelete', (t) =>
  t.field({
    type: ArticleDeletePayload,
    description: 'Deletes an article with its evidence, and the facts left without evidence (admins only).',
    args: {
      input: t.arg({ type: ArticleDeleteInput, required: true, description: 'Which article, and whether to purge.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const admin = requireRole(ctx.editor, 'ADMIN');
      const db = writableDb(ctx);
      const slug = keyOfType(input.id, 'Article');
      const notFound = {
        field: ['input', 'id'],
        code: 'NOT_FOUND',
        message: 'This is not the global ID of an article.',
      };
      if (!slug) return { deletedArticleId: null, deletedFactIds: [], userErrors: [notFound] };
      const result = await (await writePath()).deleteArticle(
        db,
        slug,
        { purge: input.purge ?? false },
        { editor: admin.name, operation: 'articleDelete' },
      );
      if (result.problems.length)
        return { deletedArticleId: null, deletedFactIds: [], userErrors: userErrorsOf(result.problems) };
      return {
        deletedArticleId: String(input.id),
        deletedFactIds: result.deleted.map((d) => encodeGlobalID(d.type, d.id)),
        userErrors: [],
      };
    },
  }),
);
