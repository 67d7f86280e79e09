import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships both index.mjs and index.js. Vite would pick the .mjs for our files while
    // Node loads the .js for Pothos and Yoga: two copies, and "Cannot use GraphQLObjectType from
    // another module or realm". Point every import at the one Node itself uses.
    alias: [
      { find: /^graphql$/, replacement: fileURLToPath(new URL('node_modules/graphql/index.js', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Some files build a synthetic database in beforeAll: seconds on a quiet machine, more than
    // vitest's default 10 s when the shared 2-CPU machine is busy.
    hookTimeout: 60_000,
  },
});
