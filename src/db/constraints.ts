/** SQL fragments for CHECK constraints, shared by the table definitions. */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** `column IN ('A', 'B', …)`. The values are our own constants, never user input. */
export function oneOf(column: SQLWrapper, values: readonly string[]): SQL {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return sql`${column} IN (${sql.raw(list)})`;
}

/** An ISO calendar date `YYYY-MM-DD` that SQLite itself parses back to the same text. */
export function isDateSql(column: SQLWrapper): SQL {
  return sql`date(${column}) IS ${column}`;
}

/** A fuzzy date is either wholly absent, or two ordered ISO dates with a precision. */
export function fuzzyDateSql(earliest: SQLWrapper, latest: SQLWrapper, precision: SQLWrapper): SQL {
  return sql`(${earliest} IS NULL AND ${latest} IS NULL AND ${precision} IS NULL) OR (${isDateSql(earliest)} AND ${isDateSql(latest)} AND ${earliest} <= ${latest} AND ${precision} IS NOT NULL)`;
}
