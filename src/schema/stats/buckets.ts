/**
 * Calendar buckets in UTC, computed the same way in SQL (to group rows) and in TypeScript (to
 * list every bucket, so empty ones can be filled with zero). A bucket is named by its first day.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

export const BUCKETS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** The first day of the bucket holding `date` (an ISO date column). Weeks start on Monday (ISO 8601). */
export function bucketStartSql(bucket: Bucket, date: SQLWrapper): SQL {
  switch (bucket) {
    case 'DAY':
      return sql`date(${date})`;
    case 'WEEK':
      // Back six days, then forward to the next Monday: the Monday on or before the date.
      return sql`date(${date}, '-6 days', 'weekday 1')`;
    case 'MONTH':
      return sql`strftime('%Y-%m-01', ${date})`;
    case 'QUARTER':
      return sql`printf('%s-%02d-01', strftime('%Y', ${date}), ((CAST(strftime('%m', ${date}) AS INTEGER) - 1) / 3) * 3 + 1)`;
    case 'YEAR':
      return sql`strftime('%Y-01-01', ${date})`;
  }
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function bucketStart(bucket: Bucket, date: string): string {
  const d = day(date);
  switch (bucket) {
    case 'DAY':
      return date;
    case 'WEEK':
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return iso(d);
    case 'MONTH':
      return `${date.slice(0, 7)}-01`;
    case 'QUARTER': {
      const month = Math.floor(d.getUTCMonth() / 3) * 3 + 1;
      return `${date.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
    }
    case 'YEAR':
      return `${date.slice(0, 4)}-01-01`;
  }
}

function next(bucket: Bucket, start: string): string {
  const d = day(start);
  if (bucket === 'DAY') d.setUTCDate(d.getUTCDate() + 1);
  if (bucket === 'WEEK') d.setUTCDate(d.getUTCDate() + 7);
  if (bucket === 'MONTH') d.setUTCMonth(d.getUTCMonth() + 1);
  if (bucket === 'QUARTER') d.setUTCMonth(d.getUTCMonth() + 3);
  if (bucket === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() + 1);
  return iso(d);
}

/** Every bucket touching [from, to), in order; null when there would be more than `max`. */
export function bucketsBetween(bucket: Bucket, from: string, to: string, max: number): string[] | null {
  const starts: string[] = [];
  for (let start = bucketStart(bucket, from); start < to; start = next(bucket, start)) {
    if (starts.length === max) return null;
    starts.push(start);
  }
  return starts;
}

export function epochMillis(date: string): number {
  return day(date).getTime();
}
