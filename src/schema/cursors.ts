/**
 * Sealed cursors. What a connection's resolver puts in a cursor (plugin-drizzle's ordering values,
 * or a search hit's position) is wrapped with a fingerprint of the list it came from: the field
 * and every argument but the paging ones (orderBy, filter, query, types, reviewStatus, subject…).
 * A cursor opens only for the same list, so one from another list, ordering, filter or search is
 * refused instead of silently paging the wrong rows. A checksum over the list and the contents
 * refuses a cursor edited by hand. Both are checksums, not signatures (anyone can compute them):
 * they catch mistakes, and what a cursor holds is still checked before it is used.
 */
import { decodeBase64, decodeCursorChunk, encodeBase64 } from '@pothos/core';

const SEAL = 'dossier:2:';
const PAGING_ARGUMENTS = new Set(['first', 'last', 'after', 'before']);

/** FNV-1a (32 bits) over the UTF-16 code units: short, stable, and cheap for every edge. Not a secret. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The fingerprint a field's cursors are sealed with: `Type.field` and its non-paging arguments. */
export function listScope(coordinate: string, args: Record<string, unknown>): string {
  const list: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) if (!PAGING_ARGUMENTS.has(name)) list[name] = value;
  return fingerprint(`${coordinate}${canonical(list)}`);
}

/**
 * JSON that is the same for the same list: keys sorted, empty fields left out, and a list of plain
 * values read as the set it is in this schema (`types`, `reviewStatus`, `status: […]`): its order
 * and repeats do not change what is listed, so they do not change the fingerprint.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    const isSet = value.every((item) => item === null || typeof item !== 'object');
    return `[${(isSet ? [...new Set(items)].sort() : items).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, field]) => field != null);
    fields.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sealCursor(scope: string, inner: string): string {
  return encodeBase64(`${SEAL}${scope}:${fingerprint(scope + inner)}:${inner}`);
}

export type Opened = { inner: string } | { refused: 'not-a-cursor' | 'other-list' };

/** What `cursor` holds, if it was sealed for this list and `readable` can read it. */
export function openCursor(scope: string, cursor: string, readable: (inner: string) => boolean): Opened {
  let text: string;
  try {
    text = decodeBase64(cursor);
  } catch {
    return { refused: 'not-a-cursor' };
  }
  // dossier:2:<scope>:<checksum>:<inner>; fingerprints are 8 hex digits.
  if (!text.startsWith(SEAL) || text[SEAL.length + 8] !== ':' || text[SEAL.length + 17] !== ':') {
    return { refused: 'not-a-cursor' };
  }
  if (text.slice(SEAL.length, SEAL.length + 8) !== scope) return { refused: 'other-list' };
  const inner = text.slice(SEAL.length + 18);
  const intact = text.slice(SEAL.length + 9, SEAL.length + 17) === fingerprint(scope + inner);
  return intact && readable(inner) ? { inner } : { refused: 'not-a-cursor' };
}

/**
 * A plugin-drizzle cursor holding only what our orderings sort by — text, finite numbers, and
 * null inside a tuple (a nullable column) — so nothing else (a Date, bytes, JSON) reaches SQL.
 */
export function isOrderingCursor(inner: string): boolean {
  try {
    const text = decodeBase64(inner);
    if (!text.startsWith('DC:')) return false;
    const value: unknown = decodeCursorChunk(text.slice('DC:'.length));
    if (!Array.isArray(value)) return isOrderingValue(value);
    return value.length > 0 && value.every((part) => part === null || isOrderingValue(part));
  } catch {
    return false;
  }
}

function isOrderingValue(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}
