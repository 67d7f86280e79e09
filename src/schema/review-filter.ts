/**
 * Review in nested reads: a list of facts under an article or an actor leaves REJECTED facts out
 * unless its `reviewStatus` argument asks for them, like the root lists' filters.
 */
import { sql } from 'drizzle-orm';
import type { evidence } from '../db/schema.ts';
import type { ReviewStatus as ReviewStatusValue } from '../domain.ts';
import { ReviewStatus } from './enums.ts';

export const reviewStatusArg = {
  type: [ReviewStatus] as [typeof ReviewStatus],
  description: 'Only facts with one of these review statuses; when left out, every fact but REJECTED ones.',
};

export function reviewWhere(statuses: readonly ReviewStatusValue[] | null | undefined) {
  return statuses?.length ? { reviewStatus: { in: [...statuses] } } : { reviewStatus: { ne: 'REJECTED' as const } };
}

/** Evidence whose fact is not rejected (an evidence row names its fact in one of six columns). */
export const evidenceOfLiveFacts = {
  RAW: (e: typeof evidence) =>
    sql`NOT EXISTS (SELECT 1 FROM measures x WHERE x.id = ${e.measureId} AND x.review_status = 'REJECTED')
      AND NOT EXISTS (SELECT 1 FROM positions x WHERE x.id = ${e.positionId} AND x.review_status = 'REJECTED')
      AND NOT EXISTS (SELECT 1 FROM funding_items x WHERE x.id = ${e.fundingItemId} AND x.review_status = 'REJECTED')
      AND NOT EXISTS (SELECT 1 FROM quotes x WHERE x.id = ${e.quoteId} AND x.review_status = 'REJECTED')
      AND NOT EXISTS (SELECT 1 FROM figures x WHERE x.id = ${e.figureId} AND x.review_status = 'REJECTED')
      AND NOT EXISTS (SELECT 1 FROM events x WHERE x.id = ${e.eventId} AND x.review_status = 'REJECTED')`,
};
