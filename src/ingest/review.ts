/**
 * Setting a fact's review status (`factReview`): CONFIRMED, REJECTED, or back to UNREVIEWED.
 * One row changes; history records the old and new status with the editor's note. Setting the
 * status a fact already has writes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type * as t from '../db/schema.ts';
import { commit } from './commit.ts';
import type { FactType } from './facts.ts';
import { historyStatements, type WriteContext } from './history.ts';
import { readRevisionOf } from './stored.ts';
import { type Problem, problem } from './validate.ts';

export type ReviewDecision = 'CONFIRMED' | 'REJECTED' | 'UNREVIEWED';

export async function reviewFact(
  db: Db,
  fact: { type: FactType; id: string },
  decision: { status: ReviewDecision; note: string | null },
  context: WriteContext,
): Promise<{ problems: Problem[]; written: boolean }> {
  const table = fact.type.table as typeof t.measures;
  return commit(db, async () => {
    const revision = await readRevisionOf(db);
    const [row] = await db.select({ reviewStatus: table.reviewStatus }).from(table).where(eq(table.id, fact.id));
    if (!row) {
      return {
        revision,
        statements: [],
        result: { problems: [problem(['input', 'id'], 'NOT_FOUND', `No ${fact.type.type} has this ID.`)] },
      };
    }
    if (row.reviewStatus === decision.status) return { revision, statements: [], result: { problems: [] } };
    return {
      revision,
      statements: [
        db.update(table).set({ reviewStatus: decision.status }).where(eq(table.id, fact.id)),
        ...historyStatements(db, context, [
          {
            subjectType: fact.type.type,
            subjectKey: fact.id,
            change: 'REVIEWED',
            articleId: null,
            changedFields: ['reviewStatus'],
            before: { reviewStatus: row.reviewStatus },
            after: { reviewStatus: decision.status },
            note: decision.note,
          },
        ]),
      ],
      result: { problems: [] },
    };
  });
}
