/**
 * bench/peers/serve.ts with V8's sampling heap profiler at hand, for `npm run bench:alloc`:
 * SIGUSR2 starts sampling every allocation (objects already collected included, minor and major
 * GC alike); SIGTTOU stops it and writes the bytes allocated since, as a number, to
 * `data/allocated-<pid>.txt`. Same arguments as serve.ts.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** One sample per 2 KB allocated on average: V8 scales each sample up, so the total is an estimate. */
const SAMPLING_INTERVAL = 2048;

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

const session = new Session();
session.connect();

const total = (node: SamplingNode): number => node.children.reduce((sum, child) => sum + total(child), node.selfSize);

process.on('SIGUSR2', () => {
  void session.post('HeapProfiler.startSampling', {
    samplingInterval: SAMPLING_INTERVAL,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
});
process.on('SIGTTOU', async () => {
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
  writeFileSync(`data/allocated-${process.pid}.txt`, String(total(profile.head)));
});

await import('../peers/serve.ts');
