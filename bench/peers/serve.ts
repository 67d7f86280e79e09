/**
 * Starts one server under test as its own process, for the load generator:
 *   tsx bench/peers/serve.ts <Dossier|L|N|N+DL> <database url> <port>
 * Prints `listening <port>` once it answers. Start it with `exec node_modules/.bin/tsx …` so the
 * PID you hold is the server's (STACK.md).
 */
import { openClient } from '../../src/db/node-client.ts';
import { SERVER_NAMES, type ServerName, serve } from '../servers.ts';

const [name, url, port = '0'] = process.argv.slice(2);
if (!SERVER_NAMES.includes(name as ServerName) || !url) {
  console.error(`usage: serve.ts <${SERVER_NAMES.join('|')}> <database url> [port]`);
  process.exit(2);
}
const server = await serve(name as ServerName, openClient({ url }), Number(port));
const address = server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
