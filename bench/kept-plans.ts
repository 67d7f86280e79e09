/**
 * `taskset -c 0 npx tsx bench/kept-plans.ts [--db data/synthetic-10000.db] [--rounds 8]`: what
 * keeping plugin-drizzle's selection plans across requests (src/schema/plan-cache.ts) saves, in
 * one process: Dossier's handler with plans kept and with plans walked for every request, taking
 * turns round by round on the benchmark's operations, with L beside them. Each handler is called
 * in this process (no sockets), four requests in flight, on the database in worker threads as the
 * servers open it; the figure is the process CPU per request (all threads), the median round.
 * A quick look for one change; `npm run bench` remains the measurement of record.
 */
import { parseArgs } from 'node:util';
import { keepingSelectionPlans } from '../src/schema/plan-cache.ts';
import { benchClient } from './harness/bench-client.ts';
import { percentile } from './harness/load-protocol.ts';
import { articleById, articlesWithQuotes, deepPage, nested, type Operation } from './operations.ts';
import { fetchHandlerFor } from './servers.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/synthetic-10000.db' },
    rounds: { type: 'string', default: '8' },
  },
});
const ROUNDS = Number(values.rounds);
const PER_ROUND = 300;
const IN_FLIGHT = 4;

const client = await benchClient(`file:${values.db}`);
const key = String((await client.execute('SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 500')).rows[0]?.id);
const operations: Operation[] = [
  articleById(Buffer.from(`Article:${key}`).toString('base64')),
  articlesWithQuotes(20),
  nested(3, 20),
  deepPage(0),
];
const dossier = fetchHandlerFor('Dossier', client);
const limit = fetchHandlerFor('L', client);
type Handler = typeof dossier;
const ways: [string, Handler, boolean][] = [
  ['kept', dossier, true],
  ['walked', dossier, false],
  ['L', limit, true],
];

async function run(handle: Handler, operation: Operation, count: number): Promise<void> {
  const { operationName, query, variables } = operation;
  const body = JSON.stringify({ operationName, query, variables });
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent++ < count) {
        const response = await handle(
          new Request('http://localhost/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
            body,
          }),
        );
        const text = await response.text();
        if (response.status !== 200 || (JSON.parse(text) as { errors?: unknown }).errors) {
          throw new Error(`${operationName}: HTTP ${response.status} ${text.slice(0, 300)}`);
        }
      }
    }),
  );
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
console.log(`taskset -c 0 npx tsx bench/kept-plans.ts --db ${values.db} --rounds ${ROUNDS}`);
console.log(
  '| operation | kept (ms) | walked (ms) | kept ÷ walked | per round | L (ms) |\n|---|---:|---:|---:|---|---:|',
);
for (const operation of operations) {
  const cpu: number[][] = ways.map(() => []);
  for (const [, handle, keep] of ways) {
    keepingSelectionPlans(keep);
    await run(handle, operation, 5 * PER_ROUND); // warm (V8, caches)
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...ways.entries()].reverse() : [...ways.entries()];
    for (const [i, [, handle, keep]] of order) {
      keepingSelectionPlans(keep);
      const before = process.cpuUsage();
      await run(handle, operation, PER_ROUND);
      const used = process.cpuUsage(before);
      cpu[i]?.push((used.user + used.system) / 1000 / PER_ROUND);
    }
  }
  keepingSelectionPlans(true);
  const [kept = [], walked = [], l = []] = cpu;
  const perRound = kept.map((x, i) => (x / (walked[i] ?? Number.NaN)).toFixed(2)).join(' ');
  console.log(
    `| ${operation.label} | ${median(kept).toFixed(2)} | ${median(walked).toFixed(2)} | ${(median(kept) / median(walked)).toFixed(2)} | ${perRound} | ${median(l).toFixed(2)} |`,
  );
}
client.close();
