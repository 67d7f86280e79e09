/**
 * Caps on what is written, re-exported by format.ts (the import format) and kept apart from it so
 * that the API can import them without zod.
 *
 * Lists: a read prices each at its cap instead of by the data (the cost model, src/server/cost/)
 * and reads at most that many; every writer refuses what would exceed one (LIMIT_EXCEEDED).
 */

/** Evidence spans of one fact. */
export const MAX_EVIDENCE_PER_FACT = 50;
/** Funding items that name one measure. */
export const MAX_FUNDING_ITEMS_PER_MEASURE = 100;
/** Measures that name one parent measure (its parts). */
export const MAX_PARTS_PER_MEASURE = 100;
/** Figures that describe one measure. */
export const MAX_FIGURES_PER_MEASURE = 100;
/** Actors a measure targets or involves. */
export const MAX_ACTORS_PER_MEASURE = 100;
/** Subheadings of one article. */
export const MAX_SUBHEADINGS = 100;

/**
 * Length caps (UTF-16 code units), well below the 1 MB request limit, so an oversized field is a
 * clear userError rather than a 413. Bodies are checked in validate.ts; the input limits of the
 * API (src/server/limits.ts) let a mutation's strings reach these.
 */
export const MAX_KEY_LENGTH = 200;
export const MAX_TEXT_LENGTH = 10_000;
/**
 * 256 Ki code units: `articleIngest` accepts a body of up to 256 KiB of UTF-8, and such a body has
 * at most as many UTF-16 code units as bytes, so this cap never refuses what that one accepts.
 */
export const MAX_BODY_LENGTH = 256 * 1024;
