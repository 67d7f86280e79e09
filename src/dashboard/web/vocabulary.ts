/**
 * What the filters can choose from, asked of the API itself: the enum values from its schema
 * (introspection), the funders that have funding and the speakers that have quotes.
 */
import { graphql } from './api.ts';
import type { Vocabulary } from './params.ts';

const VOCABULARY_QUERY = `query DashboardVocabulary {
  currencies: __type(name: "CurrencyCode") { enumValues { name } }
  stages: __type(name: "FundingStage") { enumValues { name } }
  statuses: __type(name: "MeasureStatus") { enumValues { name } }
  funders: fundingSummary(groupBy: [FUNDER]) { funder { id name } }
  speakers: quoteStats(groupBy: [SPEAKER]) { speaker { id name } }
}`;

type EnumType = { enumValues: { name: string }[] } | null;

export interface Choices extends Vocabulary {
  funders: { id: string; name: string }[];
  speakers: { id: string; name: string }[];
}

export async function loadChoices(): Promise<Choices> {
  const data = await graphql<{
    currencies: EnumType;
    stages: EnumType;
    statuses: EnumType;
    funders: { funder: { id: string; name: string } | null }[];
    speakers: { speaker: { id: string; name: string } | null }[];
  }>(VOCABULARY_QUERY);
  // Sorted by name: introspection lists values in declaration order (the schema is served unsorted).
  const names = (type: EnumType) => (type?.enumValues.map((value) => value.name) ?? []).sort();
  const unique = <T extends { id: string }>(list: (T | null)[]) => [
    ...new Map(list.filter((x): x is T => x !== null).map((x) => [x.id, x])).values(),
  ];
  return {
    currencies: names(data.currencies),
    stages: names(data.stages),
    statuses: names(data.statuses),
    funders: unique(data.funders.map((row) => row.funder)),
    speakers: unique(data.speakers.map((row) => row.speaker)),
  };
}
