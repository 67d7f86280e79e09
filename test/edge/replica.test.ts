/**
 * Node with an embedded replica (DATABASE_SYNC_URL): a local file synced from a real `sqld`.
 * A row written to the primary by another client shows up after a sync (and not before: reads
 * are local), and with the primary stopped the replica keeps answering reads. Then the real
 * `npm start` entry, as a replica that syncs in the background: its /health goes stale (503)
 * while the primary is stopped and recovers once it is back, each sync is a line of the JSON log,
 * and the native client's own ANSI `ERROR … Connection refused` lines never reach stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInit } from '../../scripts/edge/requests.ts';
import { migrateAndSeed, type Sqld, startSqld } from '../../scripts/edge/sqld.ts';
import type { Db } from '../../src/db/client.ts';
import { DEFAULT_REPLICA_URL, readConfig } from '../../src/server/config.ts';
import { openDb } from '../../src/server/open-db.ts';
import { createDossierYoga } from '../../src/server/yoga.ts';
import { startNodeServer } from './node-server.ts';

const ACTORS = '{ actors(first: 100) { totalCount nodes { name } } }';
const closers: (() => unknown)[] = [];
let tempDir: string;
let sqld: Sqld;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'dossier-replica-'));
  sqld = await startSqld({ dir: join(tempDir, 'primary') });
  closers.push(() => sqld.stop());
  await migrateAndSeed(sqld.url);
}, 60_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await rm(tempDir, { recursive: true, force: true });
});

/** The Node server's database and Yoga in this process, so the test can call `sync()`. */
async function replicaServer(file: string) {
  const logs: string[] = [];
  // The default 60 s interval: only the test's explicit sync() runs here.
  const config = readConfig({ DATABASE_URL: `file:${join(tempDir, file)}`, DATABASE_SYNC_URL: sqld.url });
  const db: Db = await openDb(config, (line) => logs.push(line));
  // drizzle keeps the client it wraps as `$client` (not part of the Db type).
  const client = (db as Db & { $client: Client }).$client;
  closers.push(() => client.close());
  const yoga = createDossierYoga({ getDb: () => db });
  const actors = async () => {
    const response = await yoga.fetch('http://localhost/graphql', postInit({ query: ACTORS }));
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    return body.data.actors as { totalCount: number; nodes: { name: string }[] };
  };
  return { client, logs, actors };
}

async function writeToPrimary(id: string, name: string) {
  const primary = createClient({ url: sqld.url });
  try {
    // Like every import, the write bumps the data revision, which response caches are keyed on.
    await primary.batch([
      { sql: "INSERT INTO actors (id, name, kind) VALUES (?, ?, 'PERSON')", args: [id, name] },
      'INSERT INTO data_revision (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = revision + 1',
    ]);
  } finally {
    primary.close();
  }
}

describe('configuration', () => {
  it('DATABASE_SYNC_URL makes DATABASE_URL a replica file, with its own default', () => {
    expect(readConfig({ DATABASE_SYNC_URL: 'http://127.0.0.1:1' })).toMatchObject({
      databaseUrl: DEFAULT_REPLICA_URL,
      syncUrl: 'http://127.0.0.1:1',
      syncIntervalSeconds: 60,
    });
    expect(() => readConfig({ DATABASE_SYNC_URL: 'http://a', DATABASE_URL: 'http://b' })).toThrow(
      /DATABASE_URL names the local replica file and must start with file:/,
    );
    expect(() => readConfig({ DATABASE_SYNC_URL: 'file:x.db' })).toThrow(/DATABASE_SYNC_URL must be the URL/);
    expect(() => readConfig({ DATABASE_SYNC_URL: 'http://a', DATABASE_SYNC_INTERVAL: '0' })).toThrow(
      /DATABASE_SYNC_INTERVAL/,
    );
    // Stale after three missed syncs unless told otherwise; never before one interval has passed.
    expect(readConfig({ DATABASE_SYNC_URL: 'http://a', DATABASE_SYNC_INTERVAL: '5' }).syncMaxStalenessSeconds).toBe(15);
    expect(
      readConfig({ DATABASE_SYNC_URL: 'http://a', DATABASE_SYNC_MAX_STALENESS: '120' }).syncMaxStalenessSeconds,
    ).toBe(120);
    expect(() =>
      readConfig({ DATABASE_SYNC_URL: 'http://a', DATABASE_SYNC_INTERVAL: '10', DATABASE_SYNC_MAX_STALENESS: '5' }),
    ).toThrow('DATABASE_SYNC_MAX_STALENESS (5 s) must be at least DATABASE_SYNC_INTERVAL (10 s).');
    expect(readConfig({}).syncUrl).toBeUndefined();
  });
});

describe('an embedded replica of sqld', () => {
  it('reads locally, sees a write to the primary after sync, and survives the primary stopping', async () => {
    const server = await replicaServer('replica.db');
    expect(server.logs[0]).toMatch(
      /^Replica file:.*replica\.db synced from http:\/\/127\.0\.0\.1:\d+: reads are local/,
    );
    const before = await server.actors();
    expect(before.totalCount).toBeGreaterThan(0);

    await writeToPrimary('replica-test-actor', 'Replica Test Actor');
    expect((await server.actors()).totalCount).toBe(before.totalCount); // not synced yet: reads are local
    await server.client.sync();
    const after = await server.actors();
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.nodes.map((n) => n.name)).toContain('Replica Test Actor');

    await sqld.stop();
    try {
      expect(await server.actors()).toEqual(after);
      expect(await server.actors()).toEqual(after);
      // Opening a replica syncs it first: a server cannot start while the primary is away, and
      // says so plainly instead of hanging or serving nothing.
      await expect(replicaServer('another-replica.db')).rejects.toThrow(
        /^Could not open the replica file:.*another-replica\.db: its primary at http:\/\/127\.0\.0\.1:\d+ did not answer/,
      );
    } finally {
      await sqld.restart();
    }
    // The running replica carries on syncing once the primary is back.
    await writeToPrimary('after-restart-actor', 'After Restart Actor');
    await server.client.sync();
    expect((await server.actors()).totalCount).toBe(after.totalCount + 1);
  });

  it('`npm start` with DATABASE_SYNC_URL: syncs by itself, /health healthy → stale (503) → recovered, logged, no native output', async () => {
    const server = await startNodeServer({
      DATABASE_URL: `file:${join(tempDir, 'server-replica.db')}`,
      DATABASE_SYNC_URL: sqld.url,
      DATABASE_SYNC_INTERVAL: '0.2',
      DATABASE_SYNC_MAX_STALENESS: '1',
      LOG_LEVEL: 'info',
      RUST_LOG: '', // as if unset: the server silences the native client itself
    });
    closers.push(() => server.stop());
    expect(server.output()).toMatch(/Replica file:.*server-replica\.db synced from .*stale after 1 s without a sync/);
    expect(server.output()).not.toMatch(/Seeded/);
    const count = async () => {
      const response = await fetch(`${server.url}/graphql`, {
        ...postInit({ query: ACTORS }),
        signal: AbortSignal.timeout(5000),
      });
      return ((await response.json()) as any).data.actors.totalCount as number;
    };
    const health = async () => {
      const response = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5000) });
      return { status: response.status, body: (await response.json()) as any };
    };
    /** Polls until `done` holds (bounded: a replica that never gets there fails the test). */
    const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
      const deadline = Date.now() + 20_000;
      let value = await read();
      while (!done(value) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        value = await read();
      }
      return value;
    };
    const syncLines = () =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('"msg":"replica sync"'))
        .map((line) => JSON.parse(line));

    // Healthy: synced moments ago, and a write to the primary arrives by the loop's own syncs.
    const healthy = await health();
    expect(healthy).toMatchObject({
      status: 200,
      body: { status: 'ok', replica: { maxStalenessMs: 1000, failures: 0 } },
    });
    expect(Date.parse(healthy.body.replica.lastSyncAt)).not.toBeNaN();
    const before = await count();
    await writeToPrimary('background-sync-actor', 'Background Sync Actor');
    expect(await until(count, (n) => n === before + 1)).toBe(before + 1);
    expect(syncLines()[0]).toMatchObject({ level: 'info', outcome: 'ok', frameNo: expect.any(Number) });

    // The primary stops: syncs fail, are logged, and /health turns stale while reads still work.
    await sqld.stop();
    try {
      const stale = await until(health, (h) => h.status === 503);
      expect(stale.status).toBe(503);
      expect(stale.body).toMatchObject({
        status: 'stale',
        message: expect.stringMatching(/^The replica last synced [\d.]+ s ago \(bound 1 s\): its syncs fail/),
        replica: { lastSyncAt: expect.any(String), maxStalenessMs: 1000 },
      });
      expect(stale.body.replica.ageMs).toBeGreaterThan(1000);
      expect(stale.body.replica.failures).toBeGreaterThan(0);
      expect(await count()).toBe(before + 1); // the local copy still answers
      // Each failure is logged: a warning while the local data is fresh enough, an error once stale.
      const failed = await until(
        async () => syncLines().filter((line) => line.outcome === 'failed'),
        (lines) => lines.some((line) => line.stale),
      );
      for (const line of failed) {
        expect(line).toMatchObject({
          level: line.stale ? 'error' : 'warn',
          primary: sqld.url,
          // Refused or timed out once it is down; a sync caught while it shuts down gets sqld's own
          // "logger closed" (seen in a CI run on 2026-12-01).
          error: expect.stringMatching(/PrimaryHandshakeTimeout|Connection refused|logger closed/),
        });
      }
      expect(failed.some((line) => line.stale)).toBe(true);
    } finally {
      await sqld.restart();
    }

    // The primary is back: the next sync succeeds, /health is healthy again, the log says so.
    const recovered = await until(health, (h) => h.status === 200);
    expect(recovered.body).toMatchObject({ status: 'ok', replica: { failures: 0 } });
    expect(syncLines().find((line) => line.recoveredAfterFailures)).toMatchObject({ level: 'info', outcome: 'ok' });
    await writeToPrimary('after-outage-actor', 'After Outage Actor');
    expect(await until(count, (n) => n === before + 2)).toBe(before + 2);

    // Everything the server wrote is its own: no ANSI colours, no native `ERROR … Connection refused`.
    expect(server.output()).not.toContain('\u001b[');
    expect(server.output()).not.toMatch(/tower_http|libsql::replication|ERROR/);
  }, 90_000);
});
