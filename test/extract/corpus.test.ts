/**
 * Every passage of the invented corpus, one test each: its quotes, amounts and figures are
 * proposed exactly as its gold says (same spans by the evaluation's matching rule, same speakers
 * and values), and its amounts carry the gold's approximate flag and quality flags.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/eval/gold.ts';
import { scoreType } from '../../scripts/eval/score.ts';
import { extract } from '../../src/extract/extract.ts';
import type { KnownActor } from '../../src/extract/types.ts';

const dir = new URL('corpus/', import.meta.url).pathname;
const documents = loadCorpus(dir);
const raw = new Map<string, any>();
for (const file of ['quotes.json', 'traps.json', 'numbers.json', 'dates-positions.json']) {
  for (const passage of JSON.parse(readFileSync(`${dir}${file}`, 'utf8'))) raw.set(passage.id, passage);
}

describe('the evaluation corpus', () => {
  it('has at least 60 passages, each naming its pattern', () => {
    expect(documents.length).toBeGreaterThanOrEqual(60);
    for (const passage of raw.values()) expect(passage.pattern.length).toBeGreaterThan(4);
  });

  it.each(documents.map((d) => [d.id, d] as const))('%s', (_id, doc) => {
    const extraction = extract({ body: doc.body, publishedOn: doc.publishedOn, actors: doc.actors as KnownActor[] });
    for (const type of ['quotes', 'amounts', 'figures'] as const) {
      const tally = scoreType(type, doc, extraction);
      expect(tally?.misses, type).toEqual([]);
    }
    const goldAmounts = raw.get(doc.id).gold.amounts as { text: string; approximate: boolean; flags: string[] }[];
    expect(extraction.amounts.map((a) => [a.reportedText, a.approximate, a.qualityFlags])).toEqual(
      goldAmounts.map((a) => [a.text, a.approximate, a.flags]),
    );
  });
});
