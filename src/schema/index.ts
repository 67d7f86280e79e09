/** Imports every type file, then builds the schema. */
import { type GraphQLSchema, isObjectType } from 'graphql';
import { builder } from './builder.ts';
import { guardPaging } from './paging.ts';
import './scalars.ts';
import './enums.ts';
import './history.ts';
import './fact.ts';
import './common.ts';
import './article.ts';
import './article-list.ts';
import './actor.ts';
import './actor-list.ts';
import './measure.ts';
import './measure-list.ts';
import './position.ts';
import './position-list.ts';
import './funding.ts';
import './funding-list.ts';
import './quote.ts';
import './quote-list.ts';
import './figure.ts';
import './figure-list.ts';
import './event.ts';
import './event-list.ts';
import './stats/funding-summary.ts';
import './stats/count-stats.ts';
import './stats/time-series.ts';
import './search.ts';
import './api-key.ts';
import './mutations/article-import.ts';
import './mutations/article-ingest.ts';
import './mutations/fact-review.ts';
import './mutations/fact-update.ts';
import './mutations/evidence.ts';
import './mutations/actor.ts';
import './mutations/article-delete.ts';
import './mutations/article-update.ts';

// Pothos sorts the schema (lexicographicSortSchema) itself: sorting it again would build every type
// a third time, a sixth of the edge's cold start.
export const schema = describeTotalCounts(guardPaging(builder.toSchema({ sortSchema: true })));

/** The drizzle plugin adds `totalCount` to connections without a way to describe it. */
function describeTotalCounts(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description)
      totalCount.description = 'The number of items in the whole list, on every page.';
  }
  return built;
}
