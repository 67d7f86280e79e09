/**
 * Start-up failures of `npm start` and the scripts, as real child processes: each is one clear
 * line on stderr and exit code 1, the port is checked before the database is touched, and a
 * database error always shows its cause. Every Node entry opens libSQL with a busy timeout.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Transaction } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './run-script.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The server and scripts log at info here, as the tests read their lines. */
const run = (script: string, env: Record<string, string>) => runScript(script, { LOG_LEVEL: 'info', ...env });

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('npm start', () => {
  let holder: Server;
  let port: number;
  const folder = mkdtempSync(join(tmpdir(), 'dossier-startup-'));

  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('a port in use: one line, exit 1, and the database was never created', async () => {
    const file = join(folder, 'never', 'dossier.db');
    const result = await run('src/server/main.ts', { PORT: String(port), DATABASE_URL: `file:${file}` });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `Dossier could not start: port ${port} is already in use (EADDRINUSE): stop what holds it or set PORT to another port.`,
    ]);
    expect(result.stdout).toBe('');
    expect(existsSync(join(folder, 'never'))).toBe(false);
  }, 60_000);

  it('a bad setting: one line naming the variable, exit 1', async () => {
    const result = await run('src/server/main.ts', { PORT: 'eighty', DATABASE_URL: `file:${join(folder, 'x.db')}` });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'Dossier could not start: PORT must be a TCP port number (0-65535); got "eighty".',
    ]);
  }, 60_000);

  it('a bad EDITOR_ORIGINS: one line naming the variable, exit 1', async () => {
    const result = await run('src/server/main.ts', {
      PORT: '0',
      DATABASE_URL: `file:${join(folder, 'x.db')}`,
      EDITOR_ORIGINS: 'https://newsroom.example/desk',
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'Dossier could not start: EDITOR_ORIGINS must list origins such as https://newsroom.example (no path); got "https://newsroom.example/desk".',
    ]);
  }, 60_000);
});

describe('a locked database', () => {
  let lock: Transaction;
  const file = join(mkdtempSync(join(tmpdir(), 'dossier-locked-')), 'locked.db');

  beforeAll(async () => {
    // Another process's write in progress: a rollback-journal file with an open write transaction.
    const client = createClient({ url: `file:${file}` });
    await client.execute('CREATE TABLE held (x)');
    lock = await client.transaction('write');
    await lock.execute('INSERT INTO held VALUES (1)');
  });
  afterAll(() => lock.close());

  it('the server and db:seed wait their busy timeout, then print the cause in one line and exit 1', async () => {
    const env = { PORT: '0', DATABASE_URL: `file:${file}` };
    const [server, seed] = await Promise.all([run('src/server/main.ts', env), run('scripts/seed.ts', env)]);
    expect(server.code).toBe(1);
    expect(lines(server.stderr)).toHaveLength(1);
    expect(server.stderr).toMatch(
      /^Dossier could not start: Failed query: PRAGMA journal_mode = WAL ← LibsqlError SQLITE_BUSY: database is locked/,
    );
    expect(seed.code).toBe(1);
    expect(lines(seed.stderr)).toHaveLength(1);
    expect(seed.stderr).toMatch(/^Seeding did not start \(the migrations failed\): .*SQLITE_BUSY: database is locked/);
    for (const out of [server.stderr, seed.stderr]) expect(out).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('busy timeouts', () => {
  it('no Node entry opens libSQL except through openClient (src/db/node-client.ts)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(entry) && /\bcreateClient\(/.test(readFileSync(path, 'utf8'))) {
          offenders.push(relative(ROOT, path));
        }
      }
    };
    for (const dir of ['src', 'scripts', 'bench', 'seeds']) walk(join(ROOT, dir));
    // edge-db.ts speaks HTTP only (@libsql/client/web): no file, no busy timeout.
    expect(offenders.sort()).toEqual(['src/db/node-client.ts', 'src/server/edge-db.ts']);
  });
});
