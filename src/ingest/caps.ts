/**
 * Lists capped when written (re-exported by format.ts, the import format): a read prices each at
 * its cap instead of by the data (the cost model, src/server/cost/), reads at most that many, and
 * the validator refuses an article that would exceed one. Kept apart from format.ts so the API
 * can import them without zod.
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
