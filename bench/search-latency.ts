/**
 * `npx tsx bench/search-latency.ts [--db data/synthetic-100000.db] [--runs 21] [--servers Dossier,L]`:
 * the latency of the benchmark's two search operations (a rare and a frequent marker word, first
 * 20 hits) on one synthetic dataset, each server's handler called in this process one request at
 * a time (no sockets, no load generator): p50 and p90 wall time after a warm-up. A quick loop
 * for working on search; `npm run bench` remains the measurement of record.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openClient } from '../src/db/node-client.ts';
import { search } from './operations.ts';
import { fetchHandlerFor, SERVER_NAMES, type ServerName } from './servers.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/synthetic-100000.db' },
    runs: { type: 'string', default: '21' },
    servers: { type: 'string', default: SERVER_NAMES.join(',') },
  },
});
const runs = Number(values.runs);
const markers = JSON.parse(readFileSync(`${values.db}.json`, 'utf8')).markers as { word: string; share: number }[];
const word = (share: number) => markers.find((m) => m.share === share)?.word ?? '';
const operations = [search('search-rare', word(0.001)), search('search-frequent', word(0.5))];
const client = openClient({ url: `file:${values.db}` });

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

for (const name of (values.servers ?? '').split(',') as ServerName[]) {
  const handle = fetchHandlerFor(name, client);
  for (const op of operations) {
    const send = async () => {
      const response = await handle(
        new Request('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ operationName: op.operationName, query: op.query, variables: op.variables }),
        }),
      );
      const body = (await response.json()) as { data?: { search?: { totalCount: number } }; errors?: unknown };
      if (!body.data?.search) throw new Error(`${name} ${op.label}: ${JSON.stringify(body.errors)}`);
      return body.data.search.totalCount;
    };
    for (let i = 0; i < 3; i++) await send();
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      total = await send();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const fmt = (x: number | undefined) => (x ?? Number.NaN).toFixed(1);
    console.log(
      `${name.padEnd(7)} ${op.label.padEnd(16)} p50 ${fmt(quantile(times, 0.5))} ms  p90 ${fmt(quantile(times, 0.9))} ms  totalCount ${total}  (${runs} runs)`,
    );
  }
}
client.close();
