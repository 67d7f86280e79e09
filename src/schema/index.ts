/** Imports every type file, then builds the schema. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import { guardPaging } from './paging.ts';
import './scalars.ts';
import './enums.ts';
import './fact.ts';
import './common.ts';
import './article.ts';
import './actor.ts';
import './measure.ts';
import './position.ts';
import './funding.ts';
import './quote.ts';
import './figure.ts';
import './event.ts';

export const schema = guardPaging(lexicographicSortSchema(builder.toSchema()));
