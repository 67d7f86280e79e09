/** API keys over GraphQL, for admins: `apiKeyCreate` (the key is in the answer, once) and `apiKeyRevoke`. */
import { type ApiKeyInfo, createApiKey, revokeApiKey } from '../auth/manage.ts';
import { requireRole, writableDb } from '../auth/verify.ts';
import { API_KEY_ROLES } from '../domain.ts';
import { builder } from './builder.ts';
import { type UserErrorShape, userErrorsField } from './mutations/user-errors.ts';

export const ApiKeyRole = builder.enumType('ApiKeyRole', {
  description: 'What a key may do.',
  values: {
    EDITOR: { value: API_KEY_ROLES[0], description: 'Imports, corrects and reviews data.' },
    ADMIN: {
      value: API_KEY_ROLES[1],
      description: 'Also deletes articles, overwrites reviewed facts and manages keys.',
    },
  },
});

const ApiKey = builder.objectRef<ApiKeyInfo>('ApiKey').implement({
  description: 'An API key, by its public name. The key itself is shown only once, when it is created.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The key’s name: public, shown as the editor in history.' }),
    role: t.field({ type: ApiKeyRole, description: 'What the key may do.', resolve: (k) => k.role }),
    createdAt: t.exposeString('createdAt', { description: 'When it was created (ISO 8601, UTC).' }),
    lastUsedAt: t.exposeString('lastUsedAt', {
      nullable: true,
      description: 'When it was last used, to the hour; null when never.',
    }),
    revokedAt: t.exposeString('revokedAt', { nullable: true, description: 'When it was revoked; null while valid.' }),
  }),
});

interface CreatePayloadShape {
  apiKey: ApiKeyInfo | null;
  key: string | null;
  userErrors: UserErrorShape[];
}

const ApiKeyCreatePayload = builder.objectRef<CreatePayloadShape>('ApiKeyCreatePayload').implement({
  description: 'The result of `apiKeyCreate`.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKey, nullable: true, description: 'The new key’s record.', resolve: (p) => p.apiKey }),
    key: t.exposeString('key', {
      nullable: true,
      description:
        'The key, `dsk_…`: shown only in this answer and never stored. Send it as `Authorization: Bearer …`.',
    }),
    userErrors: t.field(userErrorsField('Why nothing was created.')),
  }),
});

const ApiKeyCreateInput = builder.inputType('ApiKeyCreateInput', {
  description: 'A new key.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'A unique, public name (1–64 letters, digits, spaces, ._@-).' }),
    role: t.field({ type: ApiKeyRole, required: true, description: 'What it may do.' }),
  }),
});

builder.mutationField('apiKeyCreate', (t) =>
  t.field({
    type: ApiKeyCreatePayload,
    description: 'Creates an API key (admins only).',
    args: { input: t.arg({ type: ApiKeyCreateInput, required: true, description: 'The key’s name and role.' }) },
    resolve: async (_root, { input }, ctx) => {
      const admin = requireRole(ctx.editor, 'ADMIN');
      const db = writableDb(ctx);
      const result = await createApiKey(db, input, { editor: admin.name, operation: 'apiKeyCreate' });
      if (!result.ok) {
        return {
          apiKey: null,
          key: null,
          userErrors: [{ field: ['input', result.field], code: result.code, message: result.message }],
        };
      }
      return { apiKey: result.value.info, key: result.value.key, userErrors: [] };
    },
  }),
);

const ApiKeyRevokePayload = builder
  .objectRef<{ apiKey: ApiKeyInfo | null; userErrors: UserErrorShape[] }>('ApiKeyRevokePayload')
  .implement({
    description: 'The result of `apiKeyRevoke`.',
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKey,
        nullable: true,
        description: 'The revoked key’s record.',
        resolve: (p) => p.apiKey,
      }),
      userErrors: t.field(userErrorsField('Why nothing was revoked.')),
    }),
  });

const ApiKeyRevokeInput = builder.inputType('ApiKeyRevokeInput', {
  description: 'The key to revoke.',
  fields: (t) => ({ name: t.string({ required: true, description: 'The key’s name.' }) }),
});

builder.mutationField('apiKeyRevoke', (t) =>
  t.field({
    type: ApiKeyRevokePayload,
    description: 'Revokes an API key at once (admins only). Its name stays taken, and in history.',
    args: { input: t.arg({ type: ApiKeyRevokeInput, required: true, description: 'Which key.' }) },
    resolve: async (_root, { input }, ctx) => {
      const admin = requireRole(ctx.editor, 'ADMIN');
      const db = writableDb(ctx);
      const result = await revokeApiKey(db, input.name, { editor: admin.name, operation: 'apiKeyRevoke' });
      if (!result.ok) {
        return {
          apiKey: null,
          userErrors: [{ field: ['input', result.field], code: result.code, message: result.message }],
        };
      }
      return { apiKey: result.value, userErrors: [] };
    },
  }),
);
