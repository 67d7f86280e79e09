/** The coordinator's handle on the load-generator process, pinned to CPU 1. */
import type { ChildProcess } from 'node:child_process';
import type { LoadReply, LoadRequest, LoadResult } from './load-protocol.ts';
import { allowedCpus, spawnPinned, stopChild } from './pinned.ts';

export const LOADER_CPU = 1;

export interface Loader {
  pid: number;
  run: (request: Omit<LoadRequest, 'id'>) => Promise<LoadResult>;
  stop: () => Promise<void>;
}

export async function startLoader(): Promise<Loader> {
  const child: ChildProcess = spawnPinned(LOADER_CPU, 'bench/harness/load-generator.ts', [], true);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[load generator] ${chunk}`));
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  child.on('message', (reply: LoadReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.result);
    else waiter?.reject(new Error(`load generator: ${reply.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load generator exited (${code ?? signal})`));
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
  const pid = child.pid as number;
  // taskset has exec'd node once the CPU list reads back as ours.
  for (let i = 0; i < 100 && (await allowedCpus(pid)) !== String(LOADER_CPU); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    pid,
    run: (request) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ ...request, id });
      }),
    stop: () => stopChild(child),
  };
}
