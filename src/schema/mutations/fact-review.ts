/** `factReview`: confirm or reject any fact, or reset it to UNREVIEWED, with a note for history. */
import { requireRole, writableDb } from '../../auth/verify.ts';
import { builder } from '../builder.ts';
import { Fact } from '../fact.ts';
import { factRef, isUserError } from './fact-ref.ts';
import { writePath } from './lazy.ts';
import { loadNode } from './load-node.ts';
import { type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

const FactReviewDecision = builder.enumType('FactReviewDecision', {
  description: 'What a review decides. (CORRECTED is set by the `<type>Update` mutations.)',
  values: {
    CONFIRMED: { description: 'Checked against the source: right.' },
    REJECTED: { description: 'Wrong: left out of every read unless a filter asks for rejected facts.' },
    UNREVIEWED: { description: 'Back to not reviewed.' },
  },
});

const FactReviewInput = builder.inputType('FactReviewInput', {
  description: 'A review decision on one fact.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The global ID of any fact (Measure, Quote, …).' }),
    status: t.field({ type: FactReviewDecision, required: true, description: 'The decision.' }),
    note: t.string({ description: 'Why, for history.' }),
  }),
});

const FactReviewPayload = builder
  .objectRef<{ ref: { typename: string; id: string } | null; userErrors: UserErrorShape[] }>('FactReviewPayload')
  .implement({
    description: 'The result of `factReview`.',
    fields: (t) => ({
      fact: t.field({
        type: Fact,
        nullable: true,
        description: 'The fact, as stored after the review.',
        resolve: (p, _args, ctx, info) => (p.ref ? loadNode(ctx, info, p.ref.typename, p.ref.id) : null),
      }),
      userErrors: t.field(userErrorsField()),
    }),
  });

builder.mutationField('factReview', (t) =>
  t.field({
    type: FactReviewPayload,
    description: 'Sets the review status of any fact (editors and admins).',
    args: { input: t.arg({ type: FactReviewInput, required: true, description: 'Which fact and the decision.' }) },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const ref = factRef(input.id, ['input', 'id']);
      if (isUserError(ref)) return { ref: null, userErrors: [ref] };
      const note = input.note?.trim() || null;
      const result = await (await writePath()).reviewFact(
        db,
        ref,
        { status: input.status, note },
        { editor: editor.name, operation: 'factReview' },
      );
      if (result.problems.length) return { ref: null, userErrors: userErrorsOf(result.problems) };
      return { ref: { typename: ref.type.type, id: ref.id }, userErrors: [] };
    },
  }),
);
