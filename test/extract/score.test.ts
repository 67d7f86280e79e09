/** The evaluation's matching rule, on spans of a real corpus sentence. */
import { describe, expect, it } from 'vitest';
import { actorKey, overlap, scoreType, trimSpan } from '../../scripts/eval/score.ts';
import { EXTRACTOR_VERSION, type Extraction } from '../../src/extract/types.ts';

const body = '"The rules," the commissioner said, "must apply to every messaging platform in the same way."';
const span = (text: string) => ({ start: body.indexOf(text), end: body.indexOf(text) + text.length });

describe('the matching rule', () => {
  it('trims quotation marks, punctuation and spaces before comparing', () => {
    expect(body.slice(...(Object.values(trimSpan(body, span('"The rules,"'))) as [number, number]))).toBe('The rules');
    expect(overlap(body, span('"The rules,"'), span('The rules'))).toBe(1);
  });

  it('needs the overlap to cover half of the longer span', () => {
    const whole = span('must apply to every messaging platform in the same way.');
    expect(overlap(body, whole, span('must apply to every messaging platform'))).toBeGreaterThanOrEqual(0.5);
    expect(overlap(body, whole, span('must apply'))).toBeLessThan(0.5);
    expect(overlap(body, span('The rules'), whole)).toBe(0);
  });

  it('resolves speakers through known names and aliases, ignoring case, "the" and possessives', () => {
    const actors = [{ id: 'ilse-marten', name: 'Ilse Marten', kind: 'PERSON', aliases: ['Marten'] }];
    expect(actorKey("Marten's", actors)).toBe('id:ilse-marten');
    expect(actorKey('ilse marten', actors)).toBe('id:ilse-marten');
    expect(actorKey('The Intercept', actors)).toBe(actorKey('intercept', actors));
  });

  it('matches one to one and counts misses, false positives and wrong speakers', () => {
    const main = span('must apply to every messaging platform in the same way.');
    const quote = (speaker: string) => ({
      text: '',
      speaker,
      speakerId: null,
      speakerAsWritten: null,
      kind: 'PARTIAL' as const,
      spans: [main],
      ...main,
      confidence: 1,
      extractorVersion: EXTRACTOR_VERSION,
      evidence: [],
    });
    const extraction: Extraction = {
      extractorVersion: EXTRACTOR_VERSION,
      quotes: [quote('Someone Else'), quote('Ilse Marten')],
      amounts: [],
      figures: [],
      dates: [],
      positions: [],
      actors: [],
    };
    const doc = {
      id: 'd',
      body,
      publishedOn: '2025-01-15',
      actors: [],
      gold: { quotes: [{ spans: [main], who: 'Ilse Marten' }] },
    };
    const tally = scoreType('quotes', doc, extraction);
    expect(tally).toMatchObject({ gold: 1, proposed: 2, matched: 1, whoTotal: 1, whoRight: 0 });
    expect(tally?.misses).toHaveLength(2);
    expect(scoreType('positions', doc, extraction)).toBeNull();
  });
});
