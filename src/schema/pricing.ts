/**
 * What a field may cost, declared where the field is defined and read by the cost model
 * (src/server/cost/). A connection (a field with `first`) is priced by its page size without
 * any declaration; every other field that returns a list of objects declares here the most items
 * it can return, from its arguments, and the schema test fails when one does not.
 */
import type { Db } from '../db/client.ts';

/** Field extension: a `Price` for a list field that is not a connection. */
export const PRICE = 'dossierPrice';

export interface PriceContext {
  db: Db;
}

/**
 * The most items the field can return: a number (a cap), or computed from its arguments (with
 * variables already substituted). May throw a GraphQLError (BAD_USER_INPUT) for arguments that
 * could never be answered, and may read the database (search looks up its term expansions).
 */
export type Price = number | ((args: Record<string, unknown>, context: PriceContext) => number | Promise<number>);

/** Global IDs one `nodes(ids:)` takes (GitHub's limit too). */
export const MAX_NODE_IDS = 100;

/** Items a plain (non-connection) list returns at most: its old fields are capped at this. */
export const PLAIN_LIST_CAP = 100;

/** Deprecation of a plain list that became a connection (GitHub style: with a removal date). */
export function replacedBy(connection: string): string {
  return `Use \`${connection}\`, a connection that pages; this list stops at ${PLAIN_LIST_CAP} items and is removed on 2027-06-01.`;
}

/** Options for a relation list capped at write time: read at most the cap, priced at the cap. */
export function capped(cap: number) {
  return { extensions: { [PRICE]: cap } };
}

/** Field extension: a `Price` in objects for work a field does besides returning objects. */
export const SURCHARGE = 'dossierSurcharge';
