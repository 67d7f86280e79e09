/**
 * `taskset -c 0 npx tsx bench/kept-plans.ts [--db data/synthetic-10000.db] [--rounds 8]`: what
 * keeping plugin-drizzle's selection plans across requests (src/schema/plan-cache.ts) saves, in
 * one process: Dossier's handler with plans kept and with plans walked for every request, taking
 * turns round by round on the benchmark's operations, with L beside them. Each handler is called
 * in this process (no sockets), four requests in flight, on the database in worker threads as the
 * servers open it; the figure is the process CPU per request (all threads), the median round.
 * A quick look for one change; `npm run bench` remains the measurement of record.
 */
import { keepingSelectionPlans } from '../src/schema/plan-cache.ts';
import { cpuPerRequest, type Handler, medianOf, openInProcess, warmUp } from './harness/in-process.ts';
import { articleById, articlesWithQuotes, deepPage, nested, type Operation } from './operations.ts';

const { command, rounds, client, articleKey, dossier, limit } = await openInProcess('bench/kept-plans.ts');
const operations: Operation[] = [
  articleById(Buffer.from(`Article:${articleKey}`).toString('base64')),
  articlesWithQuotes(20),
  nested(3, 20),
  deepPage(0),
];
const ways: [string, Handler, boolean][] = [
  ['kept', dossier, true],
  ['walked', dossier, false],
  ['L', limit, true],
];

console.log(command);
console.log(
  '| operation | kept (ms) | walked (ms) | kept ÷ walked | per round | L (ms) |\n|---|---:|---:|---:|---|---:|',
);
for (const operation of operations) {
  const cpu: number[][] = ways.map(() => []);
  for (const [, handle, keep] of ways) {
    keepingSelectionPlans(keep);
    await warmUp(handle, operation);
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...ways.entries()].reverse() : [...ways.entries()];
    for (const [i, [, handle, keep]] of order) {
      keepingSelectionPlans(keep);
      cpu[i]?.push(await cpuPerRequest(handle, operation));
    }
  }
  keepingSelectionPlans(true);
  const [kept = [], walked = [], l = []] = cpu;
  const perRound = kept.map((x, i) => (x / (walked[i] ?? Number.NaN)).toFixed(2)).join(' ');
  console.log(
    `| ${operation.label} | ${medianOf(kept).toFixed(2)} | ${medianOf(walked).toFixed(2)} | ${(medianOf(kept) / medianOf(walked)).toFixed(2)} | ${perRound} | ${medianOf(l).toFixed(2)} |`,
  );
}
client.close();
