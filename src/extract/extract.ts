/**
 * The extractor: an article body and its publication date in, draft facts out, each with its
 * evidence spans (UTF-16 offsets into the body), a confidence and the extractor's version.
 * Pure: no I/O, no clock — known actors come in as a list (from the database or a file).
 */
import { actorProposals } from './actors.ts';
import { findAmounts } from './amounts.ts';
import { findDates } from './dates.ts';
import { findFigures } from './figures.ts';
import { findMentions, KnownActors } from './mentions.ts';
import { findPositions } from './positions.ts';
import { findQuotes, quotedRanges } from './quotes.ts';
import { SpeakerResolver } from './speakers.ts';
import { indexText } from './text.ts';
import { EXTRACTOR_VERSION, type ExtractInput, type Extraction } from './types.ts';

export function extract(input: ExtractInput): Extraction {
  const index = indexText(input.body);
  const known = new KnownActors(input.actors);
  const { groups, ranges } = quotedRanges(index);
  const mentions = findMentions(index, known, ranges);
  const resolver = new SpeakerResolver(index, mentions, known);
  const quotes = findQuotes(index, groups, resolver);
  const amounts = findAmounts(index);
  const dates = findDates(index, input.publishedOn);
  // Numbers inside money and calendar dates are not figures; durations ("16 months") are.
  const taken = [...amounts, ...dates.filter((d) => d.precision === 'DAY' || d.precision === 'YEAR')];
  const figures = findFigures(index, taken, resolver, quotes);
  return {
    extractorVersion: EXTRACTOR_VERSION,
    quotes,
    amounts,
    figures,
    dates,
    positions: findPositions(index, ranges, resolver),
    actors: actorProposals(mentions, quotes),
  };
}
