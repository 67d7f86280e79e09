/**
 * The search grammar, its highlight parsing and its cursors, without a database: every piece of
 * user text must come out as a quoted FTS5 string, and every bad query as a SearchQueryError.
 */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/search/cursor.ts';
import { MATCH_END as E, matchRanges, MATCH_START as S, snippetHtml } from '../src/search/highlight.ts';
import { compileSearchQuery, MAX_QUERY_LENGTH, MAX_TERMS, SearchQueryError } from '../src/search/query.ts';

describe('compileSearchQuery', () => {
  it.each([
    ['backdoors', '"backdoors"'],
    ['encryption police', '"encryption" AND "police"'],
    ['"electronic evidence"', '"electronic evidence"'],
    ['decrypt*', '"decrypt"*'],
    ['"electronic evid"*', '"electronic evid"*'],
    ['police OR Europol', '("police" OR "Europol")'],
    ['a OR b OR c', '("a" OR "b" OR "c")'],
    ['x a OR b y', '"x" AND ("a" OR "b") AND "y"'],
    ['encryption -King', '("encryption") NOT "King"'],
    ['encryption -King -"back doors"', '("encryption") NOT ("King" OR "back doors")'],
    ['-"back doors" encryption', '("encryption") NOT "back doors"'],
  ])('%s → %s', (input, expected) => {
    expect(compileSearchQuery(input)).toBe(expected);
  });

  it('searches "e-evidence" as one quoted string, which FTS5 reads as the phrase "e evidence"', () => {
    expect(compileSearchQuery('e-evidence')).toBe('"e-evidence"');
  });

  it('keeps FTS5 syntax in user text inside quoted strings', () => {
    expect(compileSearchQuery('NEAR(a b)')).toBe('"NEAR(a" AND "b)"');
    expect(compileSearchQuery('body:secret')).toBe('"body:secret"');
    expect(compileSearchQuery('^start a+b {x}')).toBe('"^start" AND "a+b" AND "{x}"');
    expect(compileSearchQuery('foo*bar')).toBe('"foo*bar"');
    expect(compileSearchQuery('AND NOT')).toBe('"AND" AND "NOT"');
    expect(compileSearchQuery('or')).toBe('"or"');
  });

  it('treats SQL-looking text, %, _ and backslashes as plain text, ignoring terms without letters or digits', () => {
    expect(compileSearchQuery("'; DROP TABLE articles; --")).toBe('"DROP" AND "TABLE" AND "articles;"');
    expect(compileSearchQuery('50% encryption')).toBe('"50%" AND "encryption"');
    expect(compileSearchQuery('e_evidence \\ %')).toBe('"e_evidence"');
    expect(compileSearchQuery("robert'); x")).toBe(`"robert');" AND "x"`);
  });

  it('turns control characters (NUL ends a string inside SQLite) into word breaks', () => {
    expect(compileSearchQuery('a\u0000b\tc')).toBe('"a" AND "b" AND "c"');
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['%', /empty/],
    ['_ \\ -- *', /empty/],
    ['""', /empty/],
    ['-King', /only excludes/],
    ['-King -"back doors"', /only excludes/],
    ['"electronic evidence', /unbalanced quotation mark/],
    ['"a" "b', /unbalanced quotation mark/],
    ['OR police', /OR needs a word or phrase on each side/],
    ['police OR', /OR needs a word or phrase on each side/],
    ['police OR OR Europol', /OR needs a word or phrase on each side/],
    ['police OR -Europol', /excluded term/],
    [`${'a '.repeat(MAX_TERMS)}b`, /too many terms/],
    ['x'.repeat(MAX_QUERY_LENGTH + 1), /too long/],
  ])('rejects %j', (input, message) => {
    expect(() => compileSearchQuery(input)).toThrow(SearchQueryError);
    expect(() => compileSearchQuery(input)).toThrow(message);
  });
});

describe('matchRanges', () => {
  it('gives UTF-16 offsets into the text without the sentinels', () => {
    const text = 'Vulnerable backdoors, said King: backdoors.';
    const marked = `Vulnerable ${S}backdoors${E}, said King: ${S}backdoors${E}.`;
    const ranges = matchRanges(marked);
    expect(ranges).toEqual([
      { start: 11, end: 20 },
      { start: 33, end: 42 },
    ]);
    for (const r of ranges) expect(text.slice(r.start, r.end)).toBe('backdoors');
  });

  it('counts characters outside the BMP as two code units, like JavaScript', () => {
    const text = '🔐 encryption and € amounts';
    const marked = `🔐 ${S}encryption${E} and € amounts`;
    const [range] = matchRanges(marked);
    expect(text.slice(range?.start, range?.end)).toBe('encryption');
    expect(range).toEqual({ start: 3, end: 13 });
  });

  it('ignores empty or unopened marks', () => {
    expect(matchRanges(`a${S}${E}b${E}c`)).toEqual([]);
  });
});

describe('snippetHtml', () => {
  it('escapes the text and marks the matches', () => {
    expect(snippetHtml(`…a <b> & "${S}backdoors${E}"…`)).toBe('…a &lt;b&gt; &amp; "<mark>backdoors</mark>"…');
  });
});

describe('search cursors', () => {
  const position = { rank: -2.884704934843828, type: 'POSITION', key: 'king-opposes-backdoors', field: 'summary' };

  it('round-trip the exact rank and key', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('read nothing else (which cursors belong to which search is the paging plugin’s seal)', () => {
    for (const bad of [
      '',
      'not json',
      'DC:S:x',
      'hit:[1,2]',
      'hit:{',
      'hit:["x","POSITION","k","summary"]',
      'hit:[1e999,"POSITION","k","summary"]',
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
