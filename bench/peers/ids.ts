/**
 * Global IDs as Dossier writes them (Relay style: base64 of `Type:key`), so peers return the
 * same `id` values. Written out here rather than imported, so no peer runs Dossier's framework.
 */

export function globalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

/** The type and key inside a global ID, or null when it is not one. */
export function parseGlobalId(id: string): { type: string; key: string } | null {
  const text = Buffer.from(id, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon > 0 ? { type: text.slice(0, colon), key: text.slice(colon + 1) } : null;
}

/** Searchable types as stored in search_fts_docs, and the GraphQL type of each. */
export const SEARCH_TYPE_NAMES: Record<string, string> = {
  ARTICLE: 'Article',
  QUOTE: 'Quote',
  MEASURE: 'Measure',
  POSITION: 'Position',
  FUNDING_ITEM: 'FundingItem',
};
