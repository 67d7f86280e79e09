/**
 * The sync loop of an embedded replica (DATABASE_SYNC_URL): the Node server calls `sync()` itself
 * every DATABASE_SYNC_INTERVAL seconds instead of leaving it to the libSQL client's built-in
 * `syncInterval`, whose outcome nobody can see (its failures only reach the native code's own
 * stdout). Each sync is one log line; the time of the last successful one is what `/health`
 * reports, and past DATABASE_SYNC_MAX_STALENESS the replica is `stale` there (503), while reads
 * keep being answered from the local file. Syncs never overlap: the next is scheduled when one ends.
 */
import { describeError } from './describe-error.ts';
import type { Logger } from './log/logger.ts';

export interface ReplicaSyncSettings {
  intervalMs: number;
  /** Older than this, the last successful sync makes the replica stale. */
  maxStalenessMs: number;
}

/** What `/health` says about the replica. */
export interface ReplicaHealth {
  /** When the last successful sync ended (ISO 8601). */
  lastSyncAt: string;
  /** Milliseconds since then. */
  ageMs: number;
  maxStalenessMs: number;
  stale: boolean;
  /** Syncs that failed since the last successful one. */
  failures: number;
}

export interface ReplicaSync {
  health(): ReplicaHealth;
  stop(): void;
}

export interface ReplicaSyncOptions extends ReplicaSyncSettings {
  /** Pulls what the primary has (the libSQL client's `sync()`). */
  sync: () => Promise<unknown>;
  logger: Logger;
  /** The primary's URL as the log may show it (no credentials). */
  primary: string;
  /** When the replica last synced before the loop starts (opening it syncs it). */
  syncedAt: number;
  now?: () => number;
}

export function startReplicaSync(options: ReplicaSyncOptions): ReplicaSync {
  const now = options.now ?? Date.now;
  const { intervalMs, maxStalenessMs, logger, primary } = options;
  let lastSuccess = options.syncedAt;
  let failures = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const health = (): ReplicaHealth => {
    const ageMs = Math.max(0, now() - lastSuccess);
    return {
      lastSyncAt: new Date(lastSuccess).toISOString(),
      ageMs,
      maxStalenessMs,
      stale: ageMs > maxStalenessMs,
      failures,
    };
  };

  const runOnce = async () => {
    const started = now();
    try {
      const result = await options.sync();
      lastSuccess = now();
      const recoveredAfter = failures;
      failures = 0;
      logger.log('info', {
        msg: 'replica sync',
        outcome: 'ok',
        primary,
        durationMs: lastSuccess - started,
        ...framesOf(result),
        ...(recoveredAfter > 0 ? { recoveredAfterFailures: recoveredAfter } : {}),
      });
    } catch (error) {
      if (stopped) return;
      failures++;
      const state = health();
      // A failed sync is a warning while the local data is fresh enough, an error once it is not.
      logger.log(state.stale ? 'error' : 'warn', {
        msg: 'replica sync',
        outcome: 'failed',
        primary,
        durationMs: now() - started,
        error: describeError(error),
        failures,
        lastSyncAt: state.lastSyncAt,
        ageMs: state.ageMs,
        stale: state.stale,
      });
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await runOnce();
      schedule();
    }, intervalMs);
    // The loop never keeps a process alive on its own: the HTTP server does that.
    timer.unref();
  };
  schedule();

  return {
    health,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The frame numbers libSQL's `sync()` answers with, when it does. */
function framesOf(result: unknown): { frameNo?: number; framesSynced?: number } {
  if (!result || typeof result !== 'object') return {};
  const { frame_no, frames_synced } = result as { frame_no?: unknown; frames_synced?: unknown };
  return {
    ...(typeof frame_no === 'number' ? { frameNo: frame_no } : {}),
    ...(typeof frames_synced === 'number' ? { framesSynced: frames_synced } : {}),
  };
}
