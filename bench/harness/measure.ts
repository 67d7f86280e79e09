/**
 * One measurement of one server on one request, on a server already warmed (dataset-run.ts):
 * a fixed number of requests, sized by the caller to last about the profile's duration, so that
 * when autocannon returns nothing is left in flight and the server's utime + stime over the
 * measurement, read from /proc before and after, is exactly the work of the requests completed.
 */
import { cpuMs } from './cpu.ts';
import type { Loader } from './load-client.ts';
import type { LoadResult } from './load-protocol.ts';
import type { ProcessName, ServerProcess } from './server-process.ts';

export type Kind = 'saturation' | 'single';

export interface MeasureSpec {
  kind: Kind;
  connections: number;
  /** Requests to send (at least one per connection). */
  amount: number;
}

export interface Measurement {
  dataset: number;
  label: string;
  /** 0 for the first round; the cached operations run more (profile.cacheRounds). */
  round: number;
  server: ProcessName;
  kind: Kind;
  connections: number;
  amount: number;
  result: LoadResult;
  wallMs: number;
  requestsPerSecond: number;
  serverCpuMs: number;
  serverCpuPerRequestMs: number | null;
  /** Load generator CPU over wall time: near 1 means the client, not the server, was the limit. */
  loaderCpuShare: number;
  serverCpuShare: number;
  /** Why this measurement counts as a failure (non-2xx, errors, body mismatches), if it does. */
  failure: string | null;
}

const TIMEOUT_S = 120;

export async function measure(
  loader: Loader,
  server: ServerProcess,
  request: { body: string; text: string },
  spec: MeasureSpec,
  meta: { dataset: number; label: string; round: number },
): Promise<Measurement> {
  const { amount, connections } = spec;
  const server0 = cpuMs(server.pid);
  const loader0 = cpuMs(loader.pid);
  const started = performance.now();
  // Every response of the latency run is compared with the validated answer, byte for byte.
  const result = await loader.run({
    url: server.url,
    body: request.body,
    timeoutS: TIMEOUT_S,
    connections,
    amount,
    ...(spec.kind === 'single' ? { expectBody: request.text } : {}),
  });
  const wallMs = performance.now() - started;
  const serverCpu = cpuMs(server.pid) - server0;
  const loaderCpu = cpuMs(loader.pid) - loader0;
  return {
    ...meta,
    server: server.name,
    kind: spec.kind,
    connections,
    amount,
    result,
    wallMs,
    requestsPerSecond: result.completed / (wallMs / 1000),
    serverCpuMs: serverCpu,
    serverCpuPerRequestMs: result.completed > 0 ? serverCpu / result.completed : null,
    loaderCpuShare: loaderCpu / wallMs,
    serverCpuShare: serverCpu / wallMs,
    failure:
      failureOf(result, 'measurement') ??
      (result.completed === amount ? null : `measurement: ${result.completed} of ${amount} requests completed`),
  };
}

function failureOf(r: LoadResult, phase: string): string | null {
  const problems = [];
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)})`);
  if (r.errors) problems.push(`${r.errors} errors (${r.timeouts} timeouts)`);
  if (r.mismatches) problems.push(`${r.mismatches} bodies differ from the validated answer`);
  return problems.length ? `${phase}: ${problems.join(', ')}` : null;
}
