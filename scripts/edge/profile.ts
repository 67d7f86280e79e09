/**
 * `npm run profile:edge`: a CPU profile of an edge isolate's start and first query, taken inside
 * workerd (V8's sampling profiler over Miniflare's inspector), and the functions that cost most.
 * workerd evaluates a script before any inspector can attach, so the profiled copy of the bundle
 * (unminified, for readable names) defers the bundle's one top-level call — the initialisation of
 * every module, schema build included — to its first request; the same code then runs, in the same
 * order, as a request's work. Writes dist/profile/edge-start.cpuprofile (open it in Chrome's
 * DevTools) and prints the costliest frames, inclusive and self. Absolute times are inflated by
 * the profiler; the shares are what to read.
 * Env: FIRST_QUERY (default: README example 1), PROFILE_TOP (rows, default 40).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Miniflare, fetch as miniflareFetch } from 'miniflare';
import { buildEdge, COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, ROOT } from './build.ts';
import { postInit, readmeQueries } from './requests.ts';
import { migrateAndSeed, startSqld } from './sqld.ts';

const INSPECTOR_PORT = Number(process.env.INSPECTOR_PORT ?? 9329);
const TOP = Number(process.env.PROFILE_TOP ?? 40);
const OUT_DIR = join(ROOT, 'dist', 'profile');
const OUT = join(OUT_DIR, 'edge-start.cpuprofile');

console.log('Building the bundle, unminified…');
const build = await buildEdge(OUT_DIR, { minify: false, deployedWorker: false });
const script = deferTopLevelInit(await readFile(build.scriptPath, 'utf8'));
const sqld = await startSqld();
try {
  await migrateAndSeed(sqld.url);
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: build.scriptPath, contents: script }],
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    cf: false,
    inspectorPort: INSPECTOR_PORT,
    bindings: { DATABASE_URL: sqld.url, LOG_LEVEL: 'silent', RATE_LIMIT: 'off' },
  });
  try {
    await mf.ready;
    const inspector = await connect(INSPECTOR_PORT);
    await inspector.call('Profiler.enable');
    await inspector.call('Profiler.setSamplingInterval', { interval: 50 });
    await inspector.call('Profiler.start');
    await (await mf.dispatchFetch('http://localhost/live')).arrayBuffer();
    const query = process.env.FIRST_QUERY ?? readmeQueries()[0]?.query;
    const answer = await (await mf.dispatchFetch('http://localhost/graphql', postInit({ query }) as never)).text();
    if (!answer.includes('"data"')) throw new Error(`first query: ${answer.slice(0, 300)}`);
    const { profile } = (await inspector.call('Profiler.stop')) as { profile: Profile };
    inspector.close();
    await writeFile(OUT, JSON.stringify(profile));
    console.log(`\n${summary(profile, TOP)}\n\nWrote ${OUT}`);
  } finally {
    await mf.dispose();
  }
} finally {
  await sqld.stop();
}

/** The bundle with its top-level `init_…()` call moved into the first `fetch`. */
function deferTopLevelInit(bundle: string): string {
  const call = /\n(init_functionsRoutes_\w+)\(\);\n/g;
  const name = [...bundle.matchAll(call)][0]?.[1];
  const entry = 'async fetch(originalRequest, env, workerContext) {';
  if (!name || !bundle.includes(entry)) throw new Error('The bundle no longer has the shape this script expects.');
  return bundle.replace(call, '\n').replace(entry, `${entry} ${name}();`);
}

/** The user worker's inspector (Miniflare's own workers are listed too). */
async function connect(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.title.includes('core:user:'));
  if (!target) throw new Error(`No user worker among ${targets.map((t) => t.title).join(', ')}`);
  // Miniflare's fetch opens WebSockets (Node 20 has no WebSocket client of its own).
  const upgraded = await miniflareFetch(target.webSocketDebuggerUrl.replace(/^ws:/, 'http:'), {
    headers: { upgrade: 'websocket' },
  });
  const socket = upgraded.webSocket;
  if (!socket) throw new Error(`The inspector refused a WebSocket (HTTP ${upgraded.status}).`);
  socket.accept();
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  let lastId = 0;
  return {
    call: (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const id = ++lastId;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** The frames with the most CPU, inclusive (a frame counted once per sample) and self, in ms. */
function summary(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const name = (id: number) => {
    const { functionName, url, lineNumber } = (byId.get(id) as Profile['nodes'][number]).callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`.trim();
  };
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i + 1] ?? 0;
    total += micros;
    self.set(name(id), (self.get(name(id)) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = name(at);
      if (!seen.has(frame)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + micros);
      seen.add(frame);
    }
  });
  const rows = (costs: Map<string, number>) =>
    [...costs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, micros]) => `${(micros / 1000).toFixed(1).padStart(8)} ms  ${frame}`)
      .join('\n');
  return [
    `Sampled ${(total / 1000).toFixed(1)} ms (start and first query; the unminified bundle, profiler on).`,
    '\nInclusive:',
    rows(inclusive),
    '\nSelf:',
    rows(self),
  ].join('\n');
}
