/** Small condition builders shared by several list filters. */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { reports } from '../../db/schema.ts';
import { keyOf } from './filtering.ts';

/** `column IN (…)`; an empty list matches nothing. */
export function inList(column: SQLWrapper, values: readonly string[]): SQL {
  return values.length
    ? sql`${column} IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`0`;
}

type ReportColumn = 'measureId' | 'positionId' | 'fundingItemId' | 'quoteId' | 'figureId' | 'eventId';

/** The fact in `idColumn` is reported by the article with this global ID. */
export function reportedBy(column: ReportColumn, idColumn: SQLWrapper, articleGlobalId: string, path: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${reports} WHERE ${reports[column]} = ${idColumn} AND ${reports.articleId} = ${keyOf(articleGlobalId, 'Article', path)})`;
}

/** The actor column equals the actor with this global ID. */
export function isActor(column: SQLWrapper, actorGlobalId: string, path: string): SQL {
  return sql`${column} = ${keyOf(actorGlobalId, 'Actor', path)}`;
}
