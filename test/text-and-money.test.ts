/** The two pure helpers every write relies on: sentence boundaries and exact money. */
import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorToDecimal } from '../src/money.ts';
import { enclosingSentence, sentenceRanges } from '../src/text/sentences.ts';

describe('sentences', () => {
  const body =
    'Heading line\n\nKing announced some €18.5 million. "Not yet. I do hope so," noted King.\n\nLast one (18 October) ends here.';
  const texts = sentenceRanges(body).map((r) => body.slice(r.start, r.end));

  it('splits on sentence ends and blank lines, not on decimal points or inside quotations', () => {
    expect(texts).toEqual([
      'Heading line',
      'King announced some €18.5 million.',
      '"Not yet. I do hope so," noted King.',
      'Last one (18 October) ends here.',
    ]);
  });

  it('finds the whole sentence around a span, spanning two when the span does', () => {
    const ranges = sentenceRanges(body);
    const start = body.indexOf('€18.5');
    const around = enclosingSentence(ranges, { start, end: start + 5 });
    expect(body.slice(around.start, around.end)).toBe('King announced some €18.5 million.');
    const across = enclosingSentence(ranges, { start, end: body.indexOf('noted') });
    expect(body.slice(across.start, across.end)).toBe(
      'King announced some €18.5 million. "Not yet. I do hope so," noted King.',
    );
  });
});

describe('money', () => {
  it('converts exact decimals to minor units and back', () => {
    expect(decimalToMinor('18500000.00', 'EUR')).toBe(1_850_000_000);
    expect(decimalToMinor('100', 'EUR')).toBe(10_000);
    expect(decimalToMinor('0.5', 'EUR')).toBe(50);
    expect(minorToDecimal(1_850_000_000, 'EUR')).toBe('18500000.00');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
  });

  it('refuses amounts it cannot store exactly', () => {
    expect(() => decimalToMinor('1.005', 'EUR')).toThrow(/more than 2 decimal places/);
    expect(() => decimalToMinor('-1', 'EUR')).toThrow(/not a non-negative decimal/);
    expect(() => decimalToMinor('1e6', 'EUR')).toThrow(/not a non-negative decimal/);
    expect(() => decimalToMinor('99999999999999999', 'EUR')).toThrow(/too large/);
  });

  it('writes sums past 2^53 from their digits, never through a float', () => {
    expect(minorToDecimal('9007199254740993', 'EUR')).toBe('90071992547409.93');
    expect(minorToDecimal(2n ** 63n - 1n, 'EUR')).toBe('92233720368547758.07');
    expect(minorToDecimal('9223372036854775807', 'JPY')).toBe('9223372036854775807');
    expect(minorToDecimal('7', 'EUR')).toBe('0.07');
    expect(() => minorToDecimal(2 ** 53 + 2, 'EUR')).toThrow(/not an exact whole number/);
    expect(() => minorToDecimal('1.5', 'EUR')).toThrow(/not a whole number/);
  });
});
