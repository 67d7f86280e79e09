/**
 * One request's database work, bounded: every statement a request sends goes through a view of
 * the client that carries the request's signal (src/server/deadline.ts aborts it at the request's
 * deadline or when its client goes away). Once the signal is aborted, no further statement
 * starts and the one in flight stops being waited for. A client that can stop work itself (the
 * worker-thread client: it drops queued statements and replaces a thread that overruns) gets the
 * signal through `withSignal`; any other (HTTP to a libSQL server, an in-memory database) is
 * raced against it — a libSQL server may still finish a statement nobody waits for any more.
 * Platform-neutral: the edge uses it too.
 */
import type { Client } from '@libsql/client';

/** The request ran out of time (DATABASE_TIMEOUT_MS): answered 503 TIMEOUT. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(timeoutMs: number) {
    super(`The request's database deadline of ${timeoutMs} ms passed.`);
  }
}

/** The client went away: whatever is left of its request is not worth doing. */
export class RequestCancelled extends Error {
  override name = 'RequestCancelled';
  constructor() {
    super('The client closed the request.');
  }
}

/** A client that takes a signal for its statements (src/db/worker/worker-client.ts). */
export interface SignalAwareClient extends Client {
  withSignal(signal: AbortSignal): Client;
}

function isSignalAware(client: Client): client is SignalAwareClient {
  return typeof (client as Partial<SignalAwareClient>).withSignal === 'function';
}

const RACED = new Set<string | symbol>(['execute', 'batch', 'migrate', 'executeMultiple']);

export function clientWithSignal(client: Client, signal: AbortSignal): Client {
  if (isSignalAware(client)) return client.withSignal(signal);
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (!RACED.has(property)) return value.bind(target);
      return (...args: unknown[]) => {
        if (signal.aborted) return Promise.reject(signal.reason);
        return raced(value.apply(target, args) as Promise<unknown>, signal);
      };
    },
  });
}

/** Settles as `work`, or rejects with the signal's reason when it aborts first. */
export function raced<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = whenAborted(signal, () => reject(signal.reason));
    work.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error) => {
        stop();
        reject(error);
      },
    );
  });
}

/**
 * Runs `callback` when `signal` aborts; returns a function that forgets it. One listener per
 * signal however many statements wait on it (a request may run dozens side by side, and Node
 * warns past ten listeners on one signal).
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const set = new Set<() => void>();
    callbacks = set;
    waiting.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const run of [...set]) run();
        set.clear();
      },
      { once: true },
    );
  }
  callbacks.add(callback);
  return () => callbacks.delete(callback);
}

/** Whether an error (or one of its causes) is a request's deadline or its client's leaving. */
export function abortOf(error: unknown): DeadlineExceeded | RequestCancelled | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof DeadlineExceeded || e instanceof RequestCancelled) return e;
  }
  return undefined;
}
