/**
 * Child processes pinned to one CPU: `taskset -c <cpu> node --import tsx <script> …`. taskset
 * execs node, and node runs the script itself (no tsx wrapper process), so the PID held here is
 * the process whose /proc/<pid>/stat is read.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** The children of this run still alive, so an interrupted run can end them (`endChildren`). */
const live = new Set<ChildProcess>();

export function spawnPinned(cpu: number, script: string, args: string[], ipc = false): ChildProcess {
  const child = spawn('taskset', ['-c', String(cpu), process.execPath, '--import', 'tsx', script, ...args], {
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Kills every child still alive, each by its own PID (on SIGINT/SIGTERM of the run). */
export function endChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** Ends a child this run started, by its PID: SIGTERM, then SIGKILL if it lingers. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The CPUs a process may run on, from /proc (to show that pinning took). */
export async function allowedCpus(pid: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]?.trim() ?? '?';
}
