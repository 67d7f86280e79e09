/**
 * `npm run bench:extract`: how long the extractor takes on a ~1,500-word article — the seed
 * article followed by corpus passages until 1,500 words — cold (first call in the process, which
 * compiles the rules' regular expressions) and warm (median and p95 of 200 calls).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/extract/extract.ts';
import type { KnownActor } from '../../src/extract/types.ts';
import { loadCorpus } from './gold.ts';

const root = new URL('../../', import.meta.url).pathname;
const actors = JSON.parse(readFileSync(join(root, 'seeds/actors.json'), 'utf8')) as KnownActor[];
const seed = readFileSync(join(root, 'seeds/articles/2017-10-18-eu-police-decryption-plan.txt'), 'utf8');
const parts = [seed];
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
for (const passage of loadCorpus(join(root, 'test/extract/corpus'))) {
  if (words(parts.join('\n\n')) >= 1500) break;
  parts.push(passage.body);
}
const body = parts.join('\n\n');
const input = { body, publishedOn: '2017-10-18', actors };

let t = performance.now();
const first = extract(input);
const cold = performance.now() - t;
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  t = performance.now();
  extract(input);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(2);
console.log(
  `${words(body)} words, ${body.length} UTF-16 units, ${actors.length} known actors; ` +
    `${first.quotes.length} quotes, ${first.amounts.length} amounts, ${first.figures.length} figures, ${first.dates.length} dates`,
);
console.log(
  `cold (first call): ${cold.toFixed(1)} ms · warm: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${at(0)} ms (200 calls)`,
);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'} · Node ${process.version} · load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
