/**
 * Before any timing on a dataset: each server's request for each operation (its own deep
 * cursor), its answer checked over HTTP, every server warmed untimed on the first operation; then,
 * before each operation's rounds, every server warmed on it; and how long each run should be.
 */
import type { IdentityRow } from '../identity.ts';
import type { Operation } from '../operations.ts';
import { settle } from './cpu.ts';
import { type PreparedRequest, prepareAndValidate, ValidationError } from './http-send.ts';
import type { Loader } from './load-client.ts';
import type { MeasureSpec } from './measure.ts';
import type { Plan } from './plan.ts';
import type { Profile } from './profile.ts';
import type { ProcessName, ServerProcess } from './server-process.ts';

type Requests = Map<string, Map<ProcessName, PreparedRequest>>;

/** Dossier+cache runs only the operations picked for the cache comparison. */
export const serversFor = (op: Operation, names: ProcessName[], plan: Plan) =>
  names.filter((name) => name !== 'Dossier+cache' || plan.cached.has(op.label));

/**
 * Each server's request for every operation, its answer checked over HTTP, then every server
 * warmed untimed on the first operation. What each operation then needs before its rounds is
 * `warmOn`'s.
 */
export async function validateAndWarm(
  plan: Plan,
  names: ProcessName[],
  servers: Map<ProcessName, ServerProcess>,
  identity: Map<string, IdentityRow>,
  loader: Loader,
  profile: Profile,
): Promise<{ requests: Requests; warmOn: (op: Operation) => Promise<Map<ProcessName, number>> }> {
  const requests: Requests = new Map();
  for (const op of plan.timed) {
    const byServer = new Map<ProcessName, PreparedRequest>();
    for (const name of serversFor(op, names, plan)) {
      const { url } = servers.get(name) as ServerProcess;
      const who = `${name} (${plan.dataset.articles} articles)`;
      byServer.set(name, await prepareAndValidate(url, op, identity.get(op.label)?.data, who));
    }
    requests.set(op.label, byServer);
  }
  const warm = async (op: Operation, name: ProcessName, durationS: number) => {
    const server = servers.get(name) as ServerProcess;
    const body = requests.get(op.label)?.get(name)?.body as string;
    const connections = profile.saturationConnections;
    const r = await loader.run({ url: server.url, body, connections, durationS, timeoutS: 120 });
    if (r.non2xx || r.errors) {
      throw new ValidationError(`${name}: ${op.label} warm-up had ${r.non2xx} non-2xx, ${r.errors} errors`);
    }
    // Requests cut off at the end are still being answered: let them finish before going on.
    await settle(server.pid, 60_000);
    return r.completed / r.durationS;
  };
  const [first] = plan.timed;
  if (first) for (const name of serversFor(first, names, plan)) await warm(first, name, profile.initialWarmupS);
  /**
   * Every server warmed on `op` just before its rounds (not all operations up front): a server
   * that has just answered another operation runs this one slower until V8 has re-tuned the code
   * they share. Returns the rate each reached, which sizes the runs.
   */
  const warmOn = async (op: Operation) => {
    const rates = new Map<ProcessName, number>();
    for (const name of serversFor(op, names, plan)) rates.set(name, await warm(op, name, profile.warmupS));
    return rates;
  };
  return { requests, warmOn };
}

/**
 * A run's request count, meant to last about the profile's duration: the throughput run from
 * the rate reached while warming, the latency run from the throughput run's rate (one
 * connection answers more slowly: the client's and the loopback's time are not overlapped).
 */
export function sized(
  kind: 'saturation' | 'single',
  profile: Profile,
  warmRate: number,
  saturationRate: number,
): MeasureSpec {
  if (kind === 'saturation') {
    const connections = profile.saturationConnections;
    return { kind, connections, amount: Math.max(connections, Math.round(warmRate * profile.saturationS)) };
  }
  return { kind, connections: 1, amount: Math.max(2, Math.round(saturationRate * 0.6 * profile.singleS)) };
}
