/**
 * The load generator, its own process (the coordinator pins it to CPU 1 with `taskset`): runs
 * autocannon through its API for each request that arrives over IPC and answers with the counts
 * and latencies. Latencies are taken from autocannon's per-response event, in fractions of a
 * millisecond, since its own histogram keeps whole milliseconds.
 */
import autocannon from 'autocannon';
import { type LoadReply, type LoadRequest, type LoadResult, percentile } from './load-protocol.ts';

async function run(request: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: request.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: request.body,
    connections: request.connections,
    ...(request.amount ? { amount: request.amount } : { duration: request.durationS }),
    timeout: request.timeoutS,
    // Autocannon stops at the first sample tick after the duration: tick often, stop on time.
    sampleInt: 100,
    ...(request.expectBody === undefined ? {} : { expectBody: request.expectBody }),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    durationS: result.duration,
    completed: result.requests.total,
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    latency: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      mean: latencies.length ? sum / latencies.length : Number.NaN,
      samples: latencies.length,
    },
  };
}

if (!process.send) {
  console.error('load-generator.ts runs as a child process of the benchmark (it needs an IPC channel).');
  process.exit(2);
}
process.on('message', async (request: LoadRequest) => {
  let reply: LoadReply;
  try {
    reply = { id: request.id, ok: true, result: await run(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: String(error) };
  }
  process.send?.(reply);
});
process.on('disconnect', () => process.exit(0));
