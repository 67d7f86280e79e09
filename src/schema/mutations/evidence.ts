/** `evidenceAdd` / `evidenceRemove`: one span of one fact in one article. */
import { requireRole, writableDb } from '../../auth/verify.ts';
import { builder } from '../builder.ts';
import { EvidenceRole } from '../enums.ts';
import { Fact } from '../fact.ts';
import { factRef, isUserError } from './fact-ref.ts';
import { writePath } from './lazy.ts';
import { loadNode } from './load-node.ts';
import { type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

type PayloadShape = { ref: { typename: string; id: string } | null; userErrors: UserErrorShape[] };

function payload(name: string) {
  return builder.objectRef<PayloadShape>(name).implement({
    description: `The result of \`${name.replace('Payload', '').replace(/^E/, 'e')}\`.`,
    fields: (t) => ({
      fact: t.field({
        type: Fact,
        nullable: true,
        description: 'The fact with its evidence as stored now.',
        resolve: (p, _args, ctx, info) => (p.ref ? loadNode(ctx, info, p.ref.typename, p.ref.id) : null),
      }),
      userErrors: t.field(userErrorsField()),
    }),
  });
}

const EvidenceAddInput = builder.inputType('EvidenceAddInput', {
  description: 'A span of an article body that states (part of) a fact.',
  fields: (t) => ({
    fact: t.id({ required: true, description: 'The fact’s global ID.' }),
    articleSlug: t.string({ required: true, description: 'The article’s slug.' }),
    start: t.int({ required: true, description: 'UTF-16 offset of the first character.' }),
    end: t.int({ required: true, description: 'UTF-16 offset after the last character.' }),
    exact: t.string({ required: true, description: 'The text at those offsets: body.slice(start, end).' }),
    role: t.field({ type: EvidenceRole, required: true, description: 'What part of the fact it states.' }),
  }),
});

const EvidenceRemoveInput = builder.inputType('EvidenceRemoveInput', {
  description: 'A span to take away from a fact (it keeps at least one).',
  fields: (t) => ({
    fact: t.id({ required: true, description: 'The fact’s global ID.' }),
    articleSlug: t.string({ required: true, description: 'The article’s slug.' }),
    start: t.int({ required: true, description: 'UTF-16 offset of the span’s first character.' }),
    end: t.int({ required: true, description: 'UTF-16 offset after its last character.' }),
    role: t.field({ type: EvidenceRole, description: 'Only the span with this role (all roles when left out).' }),
  }),
});

const EvidenceAddPayload = payload('EvidenceAddPayload');
const EvidenceRemovePayload = payload('EvidenceRemovePayload');

builder.mutationField('evidenceAdd', (t) =>
  t.field({
    type: EvidenceAddPayload,
    description: 'Adds one evidence span to a fact, checked against the body (at most 50 spans per fact).',
    args: { input: t.arg({ type: EvidenceAddInput, required: true, description: 'The fact and the span.' }) },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const ref = factRef(input.fact, ['input', 'fact']);
      if (isUserError(ref)) return { ref: null, userErrors: [ref] };
      const { articleSlug, start, end, exact, role } = input;
      const result = await (await writePath()).addEvidence(
        db,
        ref,
        { article: articleSlug, start, end, exact, role },
        { editor: editor.name, operation: 'evidenceAdd' },
      );
      if (result.problems.length) return { ref: null, userErrors: userErrorsOf(result.problems) };
      return { ref: { typename: ref.type.type, id: ref.id }, userErrors: [] };
    },
  }),
);

builder.mutationField('evidenceRemove', (t) =>
  t.field({
    type: EvidenceRemovePayload,
    description: 'Removes one evidence span from a fact; its last span cannot be removed.',
    args: { input: t.arg({ type: EvidenceRemoveInput, required: true, description: 'The fact and the span.' }) },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const ref = factRef(input.fact, ['input', 'fact']);
      if (isUserError(ref)) return { ref: null, userErrors: [ref] };
      const span = { article: input.articleSlug, start: input.start, end: input.end, role: input.role ?? null };
      const result = await (await writePath()).removeEvidence(db, ref, span, {
        editor: editor.name,
        operation: 'evidenceRemove',
      });
      if (result.problems.length) return { ref: null, userErrors: userErrorsOf(result.problems) };
      return { ref: { typename: ref.type.type, id: ref.id }, userErrors: [] };
    },
  }),
);
