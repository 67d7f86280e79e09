import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'file:data/dossier.db',
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
  // FTS5 tables (a later migration) are hand-written: never let drizzle-kit touch them.
  tablesFilter: ['!*_fts*'],
});
