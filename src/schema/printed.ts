/**
 * The schema as SDL, sorted by name: what schema.graphql holds and the drift and breaking-change
 * checks compare. The served schema keeps declaration order (src/schema/index.ts): sorting it
 * there would build every type once more at each isolate's start, for introspection order only.
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.ts';

export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
