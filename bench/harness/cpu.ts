/**
 * CPU time of a process from /proc/<pid>/stat: utime + stime (all its threads: JavaScript, GC,
 * libuv's pool), in milliseconds. The kernel counts in clock ticks (CLK_TCK, 100 a second here),
 * so one reading is good to 10 ms; measurements last seconds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
export const TICK_MS = 1000 / TICKS_PER_SECOND;

export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Field 3 (state) is fields[0]; utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Waits until `pid` has used no CPU for two readings in a row (in-flight work finished). */
export async function settle(pid: number, maxMs = 5000): Promise<void> {
  const until = performance.now() + maxMs;
  let last = cpuMs(pid);
  let quiet = 0;
  while (quiet < 2 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    const now = cpuMs(pid);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
