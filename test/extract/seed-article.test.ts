/**
 * The source article's body, ingested as if new: every quote, amount and figure its annotation
 * records is proposed with the annotated speaker and value (the "done when").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareArticle } from '../../src/extract/article-input.ts';
import { extract } from '../../src/extract/extract.ts';
import { EXTRACTOR_VERSION, type Extraction, type KnownActor } from '../../src/extract/types.ts';

const source = readFileSync(new URL('../../seeds/sources/000_8226112b5d290b71.txt', import.meta.url));
const knownActors = JSON.parse(
  readFileSync(new URL('../../seeds/actors.json', import.meta.url), 'utf8'),
) as KnownActor[];
const prepared = prepareArticle(source);
if (!prepared.ok) throw new Error(prepared.error.message);
const { body, publishedOn } = prepared.article;
const withKnown = extract({ body, publishedOn, actors: knownActors });
const asNew = extract({ body, publishedOn, actors: [] });

const slice = (s: { start: number; end: number }) => body.slice(s.start, s.end);

describe('the source article as a new article', () => {
  it('is read from the source file: date header off, the same body as the seed', () => {
    expect(publishedOn).toBe('2017-10-18');
    const seedBody = readFileSync(
      new URL('../../seeds/articles/2017-10-18-eu-police-decryption-plan.txt', import.meta.url),
      'utf8',
    );
    expect(body).toBe(seedBody.replace(/\s+$/, ''));
  });

  it('proposes its five quotes with their speakers, known or new', () => {
    const expected = [
      [
        'We believe there is more that we can do to support law enforcement and judicial authorities when they encounter encryption',
        'Julian King',
        345,
      ],
      ['weaken the overall security of our cyber space.', 'Julian King', 1499],
      [
        'is far from clear that encryption is a key tool through which terrorists avoid detection.',
        'Civil Liberties Union for Europe',
        2144,
      ],
      [
        'I am not predicting the outcome of these agreements yet. I do hope it is possible to make progress',
        'Julian King',
        3417,
      ],
      ['to make public spaces less vulnerable without completely changing their nature', 'Julian King', 3961],
    ];
    for (const extraction of [withKnown, asNew]) {
      expect(extraction.quotes.map((q) => [q.text, q.speaker, q.start])).toEqual(expected);
    }
    expect(withKnown.quotes.map((q) => q.speakerId)).toEqual([
      'julian-king',
      'julian-king',
      'civil-liberties-union-for-europe',
      'julian-king',
      'julian-king',
    ]);
    expect(asNew.quotes.every((q) => q.speakerId === null)).toBe(true);
  });

  it('does not take the scare quotes and the named tool box for speech', () => {
    const texts = withKnown.quotes.map((q) => q.text);
    for (const notSpeech of ['tool box of alternative investigation techniques', 'back doors', 'backdoors']) {
      expect(texts).not.toContain(notSpeech);
    }
  });

  it('proposes the three amounts exactly, flagging the bare €100 next to €18.5 million', () => {
    expect(
      withKnown.amounts.map((a) => [a.reportedText, a.amount, a.currencyCode, a.approximate, a.qualityFlags]),
    ).toEqual([
      ['€500,000', '500000.00', 'EUR', false, []],
      ['some €18.5 million', '18500000.00', 'EUR', true, []],
      ['€100', '100.00', 'EUR', false, ['IMPLAUSIBLE_AMOUNT', 'SUSPECTED_TYPO']],
    ]);
    expect(withKnown.amounts[2]?.qualityNote).toContain('€18.5 million');
  });

  it('proposes the four figures with their values and reporters', () => {
    expect(withKnown.figures.map((f) => [f.reportedText, f.value, f.unit, f.approximate, f.reportedBy])).toEqual([
      ['86 additional staff', 86, 'staff', false, null],
      ['16 months', 16, 'months', false, null],
      ['some 750,000 digital identity cards', 750000, 'digital identity cards', true, 'Estonian government'],
      ['some 97 percent', 97, 'percent', true, 'The Intercept'],
    ]);
  });

  it('says what each figure measures in the sentence’s words, not only its unit', () => {
    expect(withKnown.figures.map((f) => f.subject)).toEqual([
      '86 additional staff to further develop its decryption capability',
      '16 months, at obtaining encrypted information from a seized smartphone or a computer',
      'some 750,000 digital identity cards are vulnerable to hackers because of the flaw',
      'some 97 percent of calls, messages, and data collected by a UK surveillance programme had never viewed or simply ignored by authorities',
    ]);
  });

  it('resolves its relative dates against 2017-10-18 as the annotation does', () => {
    const byText = new Map(withKnown.dates.map((d) => [d.reportedText, [d.earliest, d.latest, d.precision]]));
    expect(byText.get('within the next 16 months')).toEqual(['2019-02-01', '2019-02-28', 'MONTH']);
    expect(byText.get('early next year')).toEqual(['2018-01-01', '2018-06-30', 'RANGE']);
    expect(byText.get('in late August')).toEqual(['2017-08-21', '2017-08-31', 'RANGE']);
    expect(byText.get('Earlier this week')).toEqual(['2017-10-16', '2017-10-18', 'RANGE']);
    expect(byText.get('on Wednesday (18 October)')).toEqual(['2017-10-18', '2017-10-18', 'DAY']);
    expect(byText.get('until the end of year')).toEqual(['2017-10-18', '2017-12-31', 'RANGE']);
  });

  it('finds the positions the annotation records for named holders', () => {
    const found = withKnown.positions.map((p) => [p.actorId, p.stance]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['some-governments', 'DEMANDS'],
        ['eu-counter-terrorism-coordinator', 'DEMANDS'],
        ['french-german-joint-statement-authors', 'DEMANDS'],
        ['amber-rudd', 'DEMANDS'],
        ['julian-king', 'OPPOSES'],
      ]),
    );
  });

  it('gives every proposal true evidence spans, a confidence in [0, 1] and the extractor version', () => {
    for (const extraction of [withKnown, asNew]) {
      const proposals = [
        ...extraction.quotes,
        ...extraction.amounts,
        ...extraction.figures,
        ...extraction.dates,
        ...extraction.positions,
      ];
      expect(proposals.length).toBeGreaterThan(30);
      for (const p of proposals) {
        expect(p.extractorVersion).toBe(EXTRACTOR_VERSION);
        expect(p.confidence).toBeGreaterThanOrEqual(0);
        expect(p.confidence).toBeLessThanOrEqual(1);
        for (const e of p.evidence) expect(slice(e)).toBe(e.exact);
      }
      const roles = new Set(extraction.quotes.flatMap((q) => q.evidence.map((e) => e.role)));
      expect([...roles].sort()).toEqual(['ATTRIBUTION', 'MAIN_STATEMENT']);
    }
  });

  it('proposes unknown people and organisations as new actors when nothing is known', () => {
    const byName = new Map(asNew.actors.map((a: Extraction['actors'][number]) => [a.name, a]));
    expect(byName.get('Julian King')).toMatchObject({ kind: 'PERSON', isNew: true, id: null });
    expect(byName.get('Civil Liberties Union for Europe')).toMatchObject({ kind: 'NGO', isNew: true });
    expect(byName.get('Estonian government')).toMatchObject({ kind: 'NATIONAL_GOVERNMENT', isNew: true });
  });
});
