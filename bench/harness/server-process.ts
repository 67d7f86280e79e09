/**
 * One server under test as its own process on CPU 0: the four of bench/servers.ts through
 * bench/peers/serve.ts, and Dossier with its response cache on through ./serve-cached.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { allowedCpus, spawnPinned, stopChild } from './pinned.ts';

export const SERVER_CPU = 0;

export type ProcessName = 'Dossier' | 'L' | 'N' | 'N+DL' | 'Dossier+cache';

export interface ServerProcess {
  name: ProcessName;
  pid: number;
  url: string;
  stop: () => Promise<void>;
}

const SCRIPTS: Record<ProcessName, (url: string) => [string, string[]]> = {
  Dossier: (url) => ['bench/peers/serve.ts', ['Dossier', url, '0']],
  L: (url) => ['bench/peers/serve.ts', ['L', url, '0']],
  N: (url) => ['bench/peers/serve.ts', ['N', url, '0']],
  'N+DL': (url) => ['bench/peers/serve.ts', ['N+DL', url, '0']],
  'Dossier+cache': (url) => ['bench/harness/serve-cached.ts', [url, '0']],
};

export class ServerStartError extends Error {}

/**
 * Starts `name` on `databaseUrl`; resolves once it prints `listening <port>`. Five servers start at
 * once on one CPU, each compiling its TypeScript: on a shared machine (load average 18) one alone
 * took 19 s, so the wait is generous.
 */
export async function startServer(name: ProcessName, databaseUrl: string, timeoutMs = 300_000): Promise<ServerProcess> {
  const [script, args] = SCRIPTS[name](databaseUrl);
  return { name, ...(await startScript(name, script, args, timeoutMs)) };
}

/** Any server script that prints `listening <port>`, pinned to CPU 0 (bench:ab runs another tree's). */
export async function startScript(
  label: string,
  script: string,
  args: string[],
  timeoutMs = 300_000,
): Promise<Omit<ServerProcess, 'name'>> {
  const child = spawnPinned(SERVER_CPU, script, args);
  const port = await listeningPort(label, child, timeoutMs);
  const pid = child.pid as number;
  const cpus = await allowedCpus(pid);
  if (cpus !== String(SERVER_CPU)) throw new ServerStartError(`${label} runs on CPUs ${cpus}, not ${SERVER_CPU}`);
  return { pid, url: `http://127.0.0.1:${port}/graphql`, stop: () => stopChild(child) };
}

function listeningPort(name: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new ServerStartError(`${name} did not start: ${why}${err ? `\n${err.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no "listening" line in ${timeoutMs / 1000} s`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`));
  });
}
