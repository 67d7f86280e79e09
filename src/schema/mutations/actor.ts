/** `actorCreate`, `actorUpdate`, `actorMerge`: editors fix the actors the extractor proposes. */
import { requireRole, writableDb } from '../../auth/verify.ts';
import { Actor } from '../actor.ts';
import { builder } from '../builder.ts';
import { ActorKind } from '../enums.ts';
import { keyOfType } from './fact-ref.ts';
import { writePath } from './lazy.ts';
import { loadNode } from './load-node.ts';
import { type UserErrorShape, userErrorsField, userErrorsOf } from './user-errors.ts';

type PayloadShape = { id: string | null; userErrors: UserErrorShape[] };

function payload(name: string, mutation: string) {
  return builder.objectRef<PayloadShape>(name).implement({
    description: `The result of \`${mutation}\`.`,
    fields: (t) => ({
      actor: t.field({
        type: Actor,
        nullable: true,
        description: 'The actor as stored now.',
        resolve: (p, _args, ctx, info) => (p.id ? loadNode(ctx, info, 'Actor', p.id) : null),
      }),
      userErrors: t.field(userErrorsField()),
    }),
  });
}

/** An actor's global ID → its key, or a userError naming the field. */
function actorKey(globalId: string | number, field: string, errors: UserErrorShape[]): string {
  const key = keyOfType(globalId, 'Actor');
  if (key !== null) return key;
  errors.push({ field: ['input', field], code: 'NOT_FOUND', message: 'This is not the global ID of an actor.' });
  return '';
}

const ActorCreateInput = builder.inputType('ActorCreateInput', {
  description: 'A new actor.',
  fields: (t) => ({
    key: t.string({ description: 'Its kebab-case key (the end of its global ID); made from the name when left out.' }),
    name: t.string({ required: true, description: 'The name, as Dossier writes it.' }),
    kind: t.field({ type: ActorKind, required: true, description: 'What sort of actor.' }),
    aliases: t.stringList({ description: 'Other names articles use.' }),
    description: t.string({ required: true, description: 'One sentence on who this is.' }),
  }),
});

const ActorUpdateInput = builder.inputType('ActorUpdateInput', {
  description: 'The fields of an actor to change; those left out stay.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The actor’s global ID.' }),
    name: t.string({ description: 'The name.' }),
    kind: t.field({ type: ActorKind, description: 'What sort of actor.' }),
    aliases: t.stringList({ description: 'Other names (replaces the list).' }),
    description: t.string({ description: 'One sentence on who this is.' }),
  }),
});

const ActorMergeInput = builder.inputType('ActorMergeInput', {
  description: 'Two actors that are one.',
  fields: (t) => ({
    from: t.id({ required: true, description: 'The duplicate: removed, its ID kept resolving to `into`.' }),
    into: t.id({ required: true, description: 'The actor that stays and receives every fact, mention and alias.' }),
  }),
});

const ActorCreatePayload = payload('ActorCreatePayload', 'actorCreate');
const ActorUpdatePayload = payload('ActorUpdatePayload', 'actorUpdate');
const ActorMergePayload = payload('ActorMergePayload', 'actorMerge');

builder.mutationField('actorCreate', (t) =>
  t.field({
    type: ActorCreatePayload,
    description: 'Creates an actor (editors and admins).',
    args: { input: t.arg({ type: ActorCreateInput, required: true, description: 'The actor.' }) },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const key = input.key ?? kebab(input.name);
      const actor = {
        id: key,
        name: input.name,
        kind: input.kind,
        aliases: input.aliases ?? [],
        description: input.description,
      };
      const result = await (await writePath()).saveActor(db, actor, 'create', {
        editor: editor.name,
        operation: 'actorCreate',
      });
      return { id: result.id, userErrors: userErrorsOf(result.problems).map(renameIdField) };
    },
  }),
);

builder.mutationField('actorUpdate', (t) =>
  t.field({
    type: ActorUpdatePayload,
    description: 'Changes an actor’s name, kind, aliases or description (editors and admins).',
    args: { input: t.arg({ type: ActorUpdateInput, required: true, description: 'The actor and its new values.' }) },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const errors: UserErrorShape[] = [];
      const id = actorKey(input.id, 'id', errors);
      if (errors.length) return { id: null, userErrors: errors };
      const patch: Record<string, unknown> & { id: string } = { id };
      for (const field of ['name', 'kind', 'aliases', 'description'] as const) {
        if (input[field] !== undefined) patch[field] = input[field];
      }
      const result = await (await writePath()).saveActor(db, patch, 'update', {
        editor: editor.name,
        operation: 'actorUpdate',
      });
      return { id: result.id, userErrors: userErrorsOf(result.problems) };
    },
  }),
);

builder.mutationField('actorMerge', (t) =>
  t.field({
    type: ActorMergePayload,
    description:
      'Merges a duplicate actor into another: moves every fact, mention and alias; the old ID keeps resolving through `node` (editors and admins).',
    args: {
      input: t.arg({ type: ActorMergeInput, required: true, description: 'The duplicate and the actor to keep.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const editor = requireRole(ctx.editor, 'EDITOR');
      const db = writableDb(ctx);
      const errors: UserErrorShape[] = [];
      const from = actorKey(input.from, 'from', errors);
      const into = actorKey(input.into, 'into', errors);
      if (errors.length) return { id: null, userErrors: errors };
      const result = await (await writePath()).mergeActors(db, from, into, {
        editor: editor.name,
        operation: 'actorMerge',
      });
      return { id: result.id, userErrors: userErrorsOf(result.problems) };
    },
  }),
);

function kebab(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The create input calls the key `key`, as the Actor type does. */
function renameIdField(error: UserErrorShape): UserErrorShape {
  return error.field[1] === 'id' ? { ...error, field: ['input', 'key', ...error.field.slice(2)] } : error;
}
