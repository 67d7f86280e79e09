/**
 * Runs one of the repository's TypeScript entry points (`scripts/…`, `src/server/main.ts`) in its
 * own Node process, as `npm run` would, and collects what it printed: the tests of the command
 * line see exactly what a user sees. A script still running after 60 s is killed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, env: Record<string, string>, args: string[] = []): Promise<ScriptRun> {
  const child = spawn(process.execPath, [TSX_CLI, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
