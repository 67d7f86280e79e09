/** `npm run schema:print`: writes the sorted SDL to schema.graphql (a test fails when it drifts). */
import { writeFile } from 'node:fs/promises';
import { printedSchema } from '../src/schema/printed.ts';

await writeFile(new URL('../schema.graphql', import.meta.url), printedSchema());
console.log('schema.graphql written.');
