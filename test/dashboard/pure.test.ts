/**
 * The dashboard's pure parts, without a browser: search snippets to text and marks, highlight
 * runs at UTF-16 offsets, the URL's filters, and Retry-After.
 */
import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../src/dashboard/web/api.ts';
import { highlightRuns } from '../../src/dashboard/web/highlight.ts';
import { filtersToSearch, isDay, parseFilters } from '../../src/dashboard/web/params.ts';
import { snippetParts } from '../../src/dashboard/web/snippet.ts';
import { seededDb, serverFor } from '../helpers.ts';

describe('snippetParts', () => {
  it('turns the API snippet into text and marked runs, entities decoded', () => {
    expect(snippetParts('…opposition to <mark>backdoors</mark>, &amp; &lt;more&gt;…')).toEqual([
      { text: '…opposition to ', marked: false },
      { text: 'backdoors', marked: true },
      { text: ', & <more>…', marked: false },
    ]);
  });

  it('leaves any other markup as visible text, never as an element', () => {
    const parts = snippetParts('<mark>a</mark><img src=x onerror=alert(1)><mark>b<script>x</script></mark>');
    expect(parts).toEqual([
      { text: 'a', marked: true },
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'b<script>x</script>', marked: true },
    ]);
    // A stray closing tag or a nested opening one is text too.
    expect(snippetParts('x</mark>y')).toEqual([{ text: 'x</mark>y', marked: false }]);
  });

  it('reads every snippet the API gives for "backdoors"', async () => {
    const gql = serverFor(await seededDb());
    const { data } = await gql('{ search(query: "backdoors") { nodes { snippet } } }');
    const marked = data.search.nodes.flatMap((n: { snippet: string }) =>
      snippetParts(n.snippet)
        .filter((p) => p.marked)
        .map((p) => p.text),
    );
    expect(marked).toEqual(['backdoors', 'backdoors', 'backdoors', 'backdoors']);
  });
});

describe('highlightRuns', () => {
  it('cuts the body at the spans, offsets as JavaScript string indices (UTF-16)', () => {
    const body = 'A “€100” 🙂 said X.';
    const start = body.indexOf('🙂');
    const runs = highlightRuns(body, [{ start, end: start + 2, label: 'MATCH' }]);
    expect(runs.map((r) => r.text).join('')).toBe(body);
    expect(runs.find((r) => r.labels.length)?.text).toBe('🙂');
  });

  it('keeps overlapping spans apart by label, and drops spans outside the body', () => {
    const runs = highlightRuns('abcdef', [
      { start: 1, end: 4, label: 'MAIN_STATEMENT' },
      { start: 3, end: 5, label: 'ATTRIBUTION' },
      { start: 4, end: 99, label: 'BAD' },
    ]);
    expect(runs.map((r) => [r.text, r.labels])).toEqual([
      ['a', []],
      ['bc', ['MAIN_STATEMENT']],
      ['d', ['MAIN_STATEMENT', 'ATTRIBUTION']],
      ['e', ['ATTRIBUTION']],
      ['f', []],
    ]);
  });
});

describe('the filters in the URL', () => {
  const vocabulary = { currencies: ['EUR', 'USD'], stages: ['ANNOUNCED', 'PLEDGED'], statuses: ['PROPOSED'] };

  it('reads known values (any case) and writes them back in a stable order', () => {
    const { filters, problems } = parseFilters(
      '?stage=announced&currency=EUR&by=funder&asOf=2019-03-01&q=back',
      vocabulary,
    );
    expect(problems).toEqual([]);
    expect(filters).toEqual({ by: 'funder', currency: 'EUR', stage: 'ANNOUNCED', asOf: '2019-03-01', q: 'back' });
    expect(filtersToSearch(filters)).toBe('?by=funder&currency=EUR&stage=ANNOUNCED&asOf=2019-03-01&q=back');
    expect(filtersToSearch({ by: 'stage' })).toBe('');
  });

  it('says what it ignored, in words', () => {
    const { filters, problems } = parseFilters('?stage=SPENT&by=colour&asOf=2019-02-30&x=1', vocabulary);
    expect(filters).toEqual({ by: 'stage' });
    expect(problems).toEqual([
      'Unknown parameter "x" in the address (ignored). Known: by, currency, stage, funder, status, asOf, speaker, quote, q.',
      'Unknown grouping "colour" in the address (ignored): choose stage, funder or programme.',
      'Unknown funding stage "SPENT" in the address (ignored): choose ANNOUNCED or PLEDGED.',
      '"2019-02-30" is not a day in the form YYYY-MM-DD (asOf, ignored): overdue is judged as of today.',
    ]);
    expect(isDay('2020-02-29')).toBe(true);
    expect(isDay('2019-02-29')).toBe(false);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds or an HTTP date, 5 s when absent or unreadable', () => {
    expect(retryAfterSeconds('12')).toBe(12);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(30);
    expect(retryAfterSeconds(null)).toBe(5);
    expect(retryAfterSeconds('soon')).toBe(5);
  });
});
