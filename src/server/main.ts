/** `npm start`: Dossier on Node, with GraphiQL served offline. */
import { createServer } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { readConfig } from './config.ts';
import { openDb } from './open-db.ts';
import { createDossierYoga } from './yoga.ts';

const log = (line: string) => console.log(line);

try {
  const config = readConfig();
  const db = await openDb(config, log);
  const yoga = createDossierYoga({
    getDb: () => db,
    renderGraphiQL,
    logging: true,
    responseCache: () => config.responseCache,
  });
  const server = createServer(yoga);
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log(
      `Dossier is serving ${redact(config.databaseUrl)} at http://localhost:${port}/graphql (GraphiQL in the browser)`,
    );
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: closing`);
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
} catch (error) {
  console.error(`Dossier could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Never print credentials that may be embedded in a database URL. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
