/**
 * Starts one server under test as its own process, for the load generator:
 *   tsx bench/peers/serve.ts <Dossier|L|N|N+DL> <database url> <port>
 * Prints `listening <port>` once it answers. Start it with `exec node_modules/.bin/tsx …` so the
 * PID you hold is the server's (STACK.md).
 *
 * Every server opens the database as the Node server does (src/server/open-db.ts): a file in
 * worker threads. So L and the peers pay the same database access as Dossier, and the ratios
 * compare the work around the statements, not the plumbing under them.
 */
import { benchClient } from '../harness/bench-client.ts';
import { SERVER_NAMES, type ServerName, serve } from '../servers.ts';

const [name, url, port = '0'] = process.argv.slice(2);
if (!SERVER_NAMES.includes(name as ServerName) || !url) {
  console.error(`usage: serve.ts <${SERVER_NAMES.join('|')}> <database url> [port]`);
  process.exit(2);
}
const server = await serve(name as ServerName, await benchClient(url), Number(port));
const address = server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
