/** Imports every type file, then builds the schema. */
import { builder } from './builder.ts';
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

// Unsorted: Pothos would otherwise rebuild every type in name order (graphql's
// lexicographicSortSchema), a third of the build's CPU at each edge isolate's start, for
// introspection order alone. The committed SDL is sorted when printed (printed.ts).
export const schema = builder.toSchema({ sortSchema: false });
