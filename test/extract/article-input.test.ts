/** Bad input is refused with a message naming the field; good input becomes the stored article. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headlineFrom, MAX_BODY_BYTES, prepareArticle, slugFor } from '../../src/extract/article-input.ts';

const source = readFileSync(new URL('../../seeds/sources/000_8226112b5d290b71.txt', import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const errorOf = (input: Uint8Array | string, options = {}) => {
  const result = prepareArticle(input, options);
  if (result.ok) throw new Error('expected an error');
  return result.error;
};

describe('prepareArticle', () => {
  it('reads a source file: date from its header, headline from the first sentence, marked EDITORS', () => {
    const result = prepareArticle(source);
    expect(result.ok && result.article).toMatchObject({
      publishedOn: '2017-10-18',
      headlineProvenance: 'EDITORS',
      slug: '2017-10-18-the-european-commission-is-seeking-to',
    });
    expect(result.ok && result.article.body.startsWith('The European commission is seeking')).toBe(true);
  });

  it('takes plain text with --published-on and a given headline', () => {
    const result = prepareArticle(utf8('Ministers met on Tuesday.'), {
      publishedOn: '2024-03-13',
      headline: 'Ministers meet',
    });
    expect(result.ok && result.article).toMatchObject({
      headline: 'Ministers meet',
      headlineProvenance: 'SOURCE_TEXT',
      slug: '2024-03-13-ministers-meet',
      body: 'Ministers met on Tuesday.',
    });
  });

  it('refuses empty text', () => {
    expect(errorOf(utf8('  \n\n '), { publishedOn: '2024-03-13' })).toEqual({
      field: 'body',
      code: 'EMPTY',
      message: 'is empty: there is no article text',
    });
    expect(errorOf(utf8(' date 2024-03-13 '))).toMatchObject({ field: 'body' });
  });

  it('refuses text over the size limit', () => {
    const big = new Uint8Array(MAX_BODY_BYTES + 1).fill(97);
    expect(errorOf(big, { publishedOn: '2024-03-13' }).message).toContain('the limit is 262144 bytes');
  });

  it('refuses binary and wrongly encoded input', () => {
    expect(errorOf(new Uint8Array([0x45, 0x55, 0xff, 0xfe]), { publishedOn: '2024-03-13' }).message).toContain(
      'not valid UTF-8',
    );
    expect(errorOf(utf8('Europol\u0000said'), { publishedOn: '2024-03-13' }).message).toContain('NUL bytes');
  });

  it('refuses a missing, impossible or unparsable date', () => {
    expect(errorOf(utf8('Ministers met.'))).toMatchObject({
      field: 'publishedOn',
      message: expect.stringContaining('is missing'),
    });
    expect(errorOf(utf8('Ministers met.'), { publishedOn: '2017-02-30' }).message).toContain(
      '"2017-02-30" is not a real date',
    );
    expect(errorOf(utf8(' date 18/10/2017 Ministers met.')).message).toContain('the date header "18/10/2017"');
    expect(errorOf(source, { publishedOn: '2017-10-19' }).message).toContain('contradicts the date header 2017-10-18');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(errorOf(source, { url: 'ftp://example.org/x' })).toMatchObject({ field: 'url' });
  });

  it('cuts a long first sentence at a word boundary for the headline', () => {
    const headline = headlineFrom(source.toString('utf8').slice(' date 2017-10-18 '.length));
    expect(headline).toBe(
      'The European commission is seeking to give police greater powers to decrypt private messages as part of a wider…',
    );
    expect(slugFor('2017-10-18', 'Élan: the “EU” plan')).toBe('2017-10-18-elan-the-eu-plan');
  });
});
