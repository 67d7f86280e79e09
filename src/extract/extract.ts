import { EXTRACTOR_VERSION, type ExtractInput, type Extraction } from './types.ts';

export function extract(_input: ExtractInput): Extraction {
  return {
    extractorVersion: EXTRACTOR_VERSION,
    quotes: [],
    amounts: [],
    figures: [],
    dates: [],
    positions: [],
    actors: [],
  };
}
