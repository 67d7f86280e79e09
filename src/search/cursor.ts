/**
 * A search hit's position in the ranking (bm25, then type, key and field as a unique, stable
 * tie-breaker): what a search cursor holds. The paging plugin (src/schema/paging.ts) seals it to
 * the search that made it, so a cursor from another query or type filter never gets here.
 */

export interface HitPosition {
  rank: number;
  type: string;
  key: string;
  field: string;
}

const PREFIX = 'hit:';

export function encodeCursor(p: HitPosition): string {
  return `${PREFIX}${JSON.stringify([p.rank, p.type, p.key, p.field])}`;
}

/** The position in `text`, or null when it is not one `encodeCursor` made. */
export function decodeCursor(text: string): HitPosition | null {
  if (!text.startsWith(PREFIX)) return null;
  let values: unknown;
  try {
    values = JSON.parse(text.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length !== 4) return null;
  const [rank, type, key, field] = values;
  if (
    typeof rank !== 'number' ||
    !Number.isFinite(rank) ||
    typeof type !== 'string' ||
    typeof key !== 'string' ||
    typeof field !== 'string'
  ) {
    return null;
  }
  return { rank, type, key, field };
}
