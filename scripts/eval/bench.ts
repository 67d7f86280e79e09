/**
 * `npm run bench:extract`: how long the extractor takes on ~1,500-word articles — the seed article
 * followed by corpus passages until 1,500 words, and two held-out-2 articles back to back (news
 * prose the rules were not written on) — cold (the first call in the process, which compiles the
 * rules' regular expressions) and warm (median and p95 of 200 calls, in wall time and in this
 * process's CPU time: on a shared machine the gap between the two is time spent waiting for a CPU).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/extract/extract.ts';
import type { ExtractInput, KnownActor } from '../../src/extract/types.ts';
import { loadCorpus } from './gold.ts';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;

const seedActors = JSON.parse(read('seeds/actors.json')) as KnownActor[];
const parts = [read('seeds/articles/2017-10-18-eu-police-decryption-plan.txt')];
for (const passage of loadCorpus(join(root, 'test/extract/corpus'))) {
  if (words(parts.join('\n\n')) >= 1500) break;
  parts.push(passage.body);
}
const heldOut = 'test/extract/held-out-2';
const inputs: [string, ExtractInput][] = [
  ['seed + corpus passages', { body: parts.join('\n\n'), publishedOn: '2017-10-18', actors: seedActors }],
  [
    'two held-out-2 articles',
    {
      body: [
        read(`${heldOut}/2025-03-11-ministers-back-border-drones.txt`),
        read(`${heldOut}/2024-06-20-interview-home-affairs-commissioner.txt`),
      ].join('\n\n'),
      publishedOn: '2025-03-11',
      actors: JSON.parse(read(`${heldOut}/actors.json`)) as KnownActor[],
    },
  ],
];

const ms = (x: number) => x.toFixed(2);
for (const [name, input] of inputs) {
  let t = performance.now();
  const first = extract(input);
  const cold = performance.now() - t;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 200; i++) {
    const usage = process.cpuUsage();
    t = performance.now();
    extract(input);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  const at = (list: number[], q: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  };
  console.log(
    `${name}: ${words(input.body)} words, ${input.body.length} UTF-16 units, ${input.actors.length} known actors; ` +
      `${first.quotes.length} quotes, ${first.amounts.length} amounts, ${first.figures.length} figures, ${first.dates.length} dates`,
  );
  console.log(
    `  cold (first call): ${cold.toFixed(1)} ms · warm wall: median ${ms(at(wall, 0.5))} ms, p95 ${ms(at(wall, 0.95))} ms, ` +
      `min ${ms(at(wall, 0))} ms · warm CPU: median ${ms(at(cpu, 0.5))} ms, p95 ${ms(at(cpu, 0.95))} ms (200 calls)`,
  );
}
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'} · Node ${process.version} · load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
