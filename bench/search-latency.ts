/**
 * `npx tsx bench/search-latency.ts [--db data/synthetic-100000.db] [--runs 21] [--servers Dossier,L]`:
 * the latency of the benchmark's two search operations (a rare and a frequent marker word, first
 * 20 hits) on one synthetic dataset, each server's handler called in this process one request at
 * a time (no sockets, no load generator): p50 and p90 wall time after a warm-up, and p50 of the
 * process CPU time per request — on a shared machine the CPU time is the steadier figure, and
 * with libSQL running SQLite on this thread it is what the wall time would be on an idle one.
 * A quick loop for working on search; `npm run bench` remains the measurement of record.
 */
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
// The generator's marker words: in 0.1% and 50% of the articles (recorded in <db>.json).
const operations = [search('search-rare', 'synthmarkrare'), search('search-frequent', 'synthmarkhalf')];
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
    const cpu: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      total = await send();
      const used = process.cpuUsage(cpuStart);
      times.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const fmt = (x: number | undefined) => (x ?? Number.NaN).toFixed(1);
    console.log(
      `${name.padEnd(7)} ${op.label.padEnd(16)} p50 ${fmt(quantile(times, 0.5))} ms  p90 ${fmt(quantile(times, 0.9))} ms  CPU p50 ${fmt(quantile(cpu, 0.5))} ms  totalCount ${total}  (${runs} runs)`,
    );
  }
}
client.close();
