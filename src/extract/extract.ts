/**
 * The extractor: an article body and its publication date in, draft facts out, each with its
 * evidence spans (UTF-16 offsets into the body), a confidence and the extractor's version.
 * Pure: no I/O, no clock — known actors come in as a list (from the database or a file).
 */
import { actorProposals } from './actors.ts';
import { findAmounts } from './amounts.ts';
import { findDates } from './dates.ts';
import { findMentions, KnownActors } from './mentions.ts';
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
  return {
    extractorVersion: EXTRACTOR_VERSION,
    quotes,
    amounts: findAmounts(index),
    figures: [],
    dates: findDates(index, input.publishedOn),
    positions: [],
    actors: actorProposals(mentions, []),
  };
}
