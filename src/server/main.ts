/**
 * `npm start`: Dossier on Node, with GraphiQL served offline. The port is taken first, so a
 * second server on the same port stops before it touches the database; every start-up failure
 * is one line on stderr ("Dossier could not start: …", causes included) and exit code 1.
 */
// First: it sets RUST_LOG before anything loads the libSQL client's native code.
import './quiet-native-logs.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { ensureDashboard } from '../dashboard/build.ts';
import { ingestArticle } from '../ingest/ingest-article.ts';
import { readConfig } from './config.ts';
import { dashboardFiles } from './dashboard-files.ts';
import { describeRefusedToken } from './database-auth.ts';
import { redact } from './database-url.ts';
import { describeError } from './describe-error.ts';
import { createLogger } from './log/logger.ts';
import { nodeHandler } from './node-handler.ts';
import { openDb } from './open-db.ts';
import { startReplicaSync } from './replica-sync.ts';
import { schemaCheckedDb } from './schema-guard.ts';
import { createDossierYoga } from './yoga.ts';

const log = (line: string) => console.log(line);

try {
  const config = readConfig();
  const logger = createLogger(config.logLevel, (line) => process.stdout.write(`${line}\n`));
  // Until the database is ready, requests get a 503 instead of waiting on a handler.
  let handle = (_req: IncomingMessage, res: ServerResponse) => {
    res
      .writeHead(503, {
        'content-type': 'text/plain; charset=utf-8',
        'retry-after': '1',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .end('Starting.');
  };
  const server = createServer((req, res) => handle(req, res));
  const port = await listen(server, config.port);
  const db = await openDb(config, log);
  // An embedded replica has just synced (opening it does); from now on the server syncs it.
  const replica = config.syncUrl
    ? startReplicaSync({
        sync: () => db.$client.sync(),
        intervalMs: config.syncIntervalSeconds * 1000,
        maxStalenessMs: config.syncMaxStalenessSeconds * 1000,
        logger,
        primary: redact(config.syncUrl),
        syncedAt: Date.now(),
      })
    : undefined;
  const dashboard = await ensureDashboard();
  if (dashboard.built) log(`Built the dashboard (${dashboardSize(dashboard.built.scriptGzipBytes)}).`);
  const dashboardAssets = dashboardFiles(dashboard.dir);
  const yoga = createDossierYoga({
    getDb: () => schemaCheckedDb(db),
    renderGraphiQL,
    responseCache: () => config.responseCache,
    revisionCheckMs: () => config.revisionCheckMs,
    logger: () => logger,
    getWriteDb: () => db,
    editorOrigins: () => config.editorOrigins,
    dashboardAssets: () => dashboardAssets,
    ingester: ingestArticle,
    databaseTimeoutMs: () => config.databaseTimeoutMs,
    rateLimit: {
      settings: () => config.rateLimit,
      peer: (serverContext) => (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress,
    },
    replicaHealth: replica?.health,
  });
  const handleWithYoga = nodeHandler(yoga);
  handle = (req, res) => void handleWithYoga(req, res);
  log(`Dossier is serving ${redact(config.databaseUrl)} at http://localhost:${port}/graphql (GraphiQL in the browser)`);
  log(`Dashboard: http://localhost:${port}/dashboard`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: closing`);
      replica?.stop();
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
} catch (error) {
  const refused = describeRefusedToken(error, process.env.DATABASE_URL);
  console.error(`Dossier could not start: ${refused ?? describeError(error)}`);
  process.exit(1);
}

function dashboardSize(gzipBytes: number): string {
  return `script ${(gzipBytes / 1024).toFixed(1)} KiB gzip`;
}

/** Binds the port, or fails with a sentence saying which port and what to do. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(`port ${port} is already in use (EADDRINUSE): stop what holds it or set PORT to another port.`),
        );
      } else if (error.code === 'EACCES') {
        reject(new Error(`port ${port} needs privileges this user lacks (EACCES): set PORT to 1024 or above.`));
      } else {
        reject(error);
      }
    });
    server.listen(port, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
