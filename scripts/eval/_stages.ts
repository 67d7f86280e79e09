import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actorProposals } from '../../src/extract/actors.ts';
import { findAmounts } from '../../src/extract/amounts.ts';
import { findDates } from '../../src/extract/dates.ts';
import { findFigures } from '../../src/extract/figures.ts';
import { findMentions, KnownActors } from '../../src/extract/mentions.ts';
import { findPositions } from '../../src/extract/positions.ts';
import { findQuotes, quotedRanges } from '../../src/extract/quotes.ts';
import { SpeakerResolver } from '../../src/extract/speakers.ts';
import { indexText } from '../../src/extract/text.ts';
import { loadCorpus } from './gold.ts';

const root = new URL('../../', import.meta.url).pathname;
const actors = JSON.parse(readFileSync(join(root, 'seeds/actors.json'), 'utf8'));
const seed = readFileSync(join(root, 'seeds/articles/2017-10-18-eu-police-decryption-plan.txt'), 'utf8');
const parts = [seed];
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
for (const p of loadCorpus(join(root, 'test/extract/corpus'))) {
  if (words(parts.join('\n\n')) >= 1500) break;
  parts.push(p.body);
}
const body = parts.join('\n\n');
for (let round = 0; round < 3; round++) {
  const t: Record<string, number> = {};
  let s = performance.now();
  const lap = (k: string) => {
    const n = performance.now();
    t[k] = +(n - s).toFixed(1);
    s = n;
  };
  const index = indexText(body);
  lap('index');
  const known = new KnownActors(actors);
  lap('known');
  const { groups, ranges } = quotedRanges(index);
  lap('quotedRanges');
  const mentions = findMentions(index, known, ranges);
  lap('mentions');
  const resolver = new SpeakerResolver(index, mentions, known);
  const quotes = findQuotes(index, groups, resolver);
  lap('quotes');
  const amounts = findAmounts(index);
  lap('amounts');
  const dates = findDates(index, '2017-10-18');
  lap('dates');
  findFigures(index, [...amounts, ...dates], resolver);
  lap('figures');
  findPositions(index, ranges, resolver);
  lap('positions');
  actorProposals(mentions, quotes);
  lap('actors');
  console.log(round, JSON.stringify(t));
}
