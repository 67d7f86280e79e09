/**
 * Search cursors: the position of a hit in the ranking (bm25, then type, key and field as a
 * unique, stable tie-breaker), tagged with a fingerprint of the search that made it, so a cursor
 * from another query or type filter is rejected instead of paging the wrong list.
 */

export interface HitPosition {
  rank: number;
  type: string;
  key: string;
  field: string;
}

const PREFIX = 'search1:';

export function encodeCursor(fingerprint: string, p: HitPosition): string {
  return toBase64(`${PREFIX}${JSON.stringify([fingerprint, p.rank, p.type, p.key, p.field])}`);
}

export type DecodedCursor = { ok: true; position: HitPosition } | { ok: false; reason: 'malformed' | 'other-search' };

export function decodeCursor(cursor: string, fingerprint: string): DecodedCursor {
  let values: unknown;
  try {
    const text = fromBase64(cursor);
    if (!text.startsWith(PREFIX)) return { ok: false, reason: 'malformed' };
    values = JSON.parse(text.slice(PREFIX.length));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(values) || values.length !== 5) return { ok: false, reason: 'malformed' };
  const [print, rank, type, key, field] = values;
  if (
    typeof print !== 'string' ||
    typeof rank !== 'number' ||
    !Number.isFinite(rank) ||
    typeof type !== 'string' ||
    typeof key !== 'string' ||
    typeof field !== 'string'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  if (print !== fingerprint) return { ok: false, reason: 'other-search' };
  return { ok: true, position: { rank, type, key, field } };
}

/** A short, stable digest (FNV-1a, 32 bits) of what the ranking depends on. Not a secret. */
export function searchFingerprint(match: string, types: readonly string[] | null): string {
  const text = `${match}\u0000${types ? [...types].sort().join(',') : '*'}`;
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(base64: string): string {
  const binary = atob(base64);
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
