/**
 * `npm start`'s entry point (src/server/main.ts) as a child process on a free port, with the
 * environment a test gives it. Resolves once it prints its URL; `stop()` escalates to SIGKILL.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const START_TIMEOUT_MS = 30_000;

export interface NodeServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
}

export function startNodeServer(env: Record<string, string>): Promise<NodeServer> {
  // One process: node with tsx as its loader (not npx, not the tsx CLI, which runs the server in
  // a child of its own), so this pid is the server itself and SIGKILL really kills it.
  const child = spawn(process.execPath, ['--import', TSX_LOADER, 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not print its URL within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at http:\/\/localhost:(\d+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        const kill = async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((done) => child.once('exit', () => done()));
          child.kill('SIGKILL');
          await exited;
        };
        resolve({ url: `http://127.0.0.1:${match[1]}`, output: () => output, stop, kill });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}, signal ${signal}):\n${output}`));
    });
  });
}
