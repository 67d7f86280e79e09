/**
 * The envelope of a clearly synthetic article in the import format (topic `synthetic`, headline
 * given by the test): the facts a test passes, every other list empty. Tests that need made-up
 * articles beside the real seed build them with this, so the import format is written out once.
 */
interface SyntheticArticleFields {
  slug: string;
  headline: string;
  publishedOn: string;
  measures?: unknown[];
  fundingItems?: unknown[];
  quotes?: unknown[];
  figures?: unknown[];
}

export function syntheticImportArticle(fields: SyntheticArticleFields) {
  return {
    headlineProvenance: 'EDITORS',
    publisher: null,
    url: null,
    language: 'en',
    topics: ['synthetic'],
    sourceFile: null,
    subheadings: [],
    mentions: [],
    measures: [],
    positions: [],
    fundingItems: [],
    quotes: [],
    figures: [],
    events: [],
    ...fields,
  };
}
