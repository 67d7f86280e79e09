/**
 * Business errors of a mutation, Shopify style: returned in the payload's `userErrors` (the
 * request itself succeeded), each naming the input field by its path and carrying a code.
 * Top-level `errors` stay for client and server faults (bad GraphQL, no key, a crash).
 */
import type { Problem } from '../../ingest/validate.ts';
import { builder } from '../builder.ts';
import { capped } from '../pricing.ts';

/** userErrors a payload lists at most (the rest are left out): the cost model prices them at this. */
export const MAX_USER_ERRORS = 100;

export interface UserErrorShape {
  field: string[];
  code: string;
  message: string;
}

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'Why a mutation wrote nothing: the input field at fault, a code and a sentence.',
  fields: (t) => ({
    field: t.stringList({
      description: 'The path of the input field at fault, from the argument down: ["input", "article", "quotes", "2"].',
      resolve: (e) => e.field,
    }),
    code: t.exposeString('code', {
      description:
        'A stable code: INVALID, EMPTY, INVALID_TEXT, INVALID_DATE, SPAN_MISMATCH, DUPLICATE_ID, UNKNOWN_ACTOR, UNKNOWN_MEASURE, SELF_REFERENCE, REVIEWED_FACT_CONFLICT, NOT_FOUND, LIMIT_EXCEEDED, LAST_EVIDENCE, TAKEN, ALREADY_REVOKED.',
    }),
    message: t.exposeString('message', { description: 'What is wrong, for people.' }),
  }),
});

export function userErrorsOf(problems: Problem[]): UserErrorShape[] {
  return problems.map((p) => ({ field: p.field, code: p.code, message: p.message }));
}

/** A payload's `userErrors` field: the first MAX_USER_ERRORS, priced at that cap. */
export function userErrorsField(description = 'Why nothing was written.') {
  return {
    type: [UserError] as [typeof UserError],
    description: `${description} The first ${MAX_USER_ERRORS}.`,
    ...capped(MAX_USER_ERRORS),
    resolve: (p: { userErrors: UserErrorShape[] }) => p.userErrors.slice(0, MAX_USER_ERRORS),
  };
}
