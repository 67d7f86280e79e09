/**
 * Dossier with its response cache on, as its own process for the load generator:
 *   tsx bench/harness/serve-cached.ts <database url> [port]
 * The same server as bench/servers.ts builds for Dossier (worker-thread database, request log
 * on), but with `responseCache: () => true` (each request reads the one-row data revision; repeated identical reads come from memory).
 * Prints `listening <port>` once it answers.
 */
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import { devNull } from 'node:os';
import { createDb } from '../../src/db/client.ts';
import { createLogger } from '../../src/server/log/logger.ts';
import { nodeHandler } from '../../src/server/node-handler.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { BENCH_DEADLINE_MS } from '../servers.ts';
import { benchClient } from './bench-client.ts';

const [url, port = '0'] = process.argv.slice(2);
if (!url) {
  console.error('usage: serve-cached.ts <database url> [port]');
  process.exit(2);
}
const db = createDb(await benchClient(url));
// The request log on, the deadline and the cost limit as in bench/servers.ts.
const sink = createWriteStream(devNull);
const logger = createLogger('info', (line) => sink.write(`${line}\n`));
const server = createServer(
  nodeHandler(
    createDossierYoga({
      getDb: () => db,
      logger: () => logger,
      databaseTimeoutMs: () => BENCH_DEADLINE_MS,
      responseCache: () => true,
      maxCost: Number.POSITIVE_INFINITY,
    }),
  ),
);
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
