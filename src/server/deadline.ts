/**
 * One deadline per request: DATABASE_TIMEOUT_MS after a request arrives, its database work stops
 * — every statement of it, the response cache's revision probe and the cost model's lookups
 * included, and the inner request of `/csv` and `/persisted/…` shares the outer one's deadline.
 * A client that goes away (its connection closes; on the edge, with the `enable_request_signal`
 * compatibility flag) stops it too. The signal lives on the request's record, where the
 * request's database view (log/request-record.ts `countedDb`) picks it up; see
 * src/db/request-signal.ts for what stopping means on each kind of database.
 */
import type { Plugin } from 'graphql-yoga';
import { DeadlineExceeded, RequestCancelled } from '../db/request-signal.ts';
import { DeadlineSignal } from './deadline-signal.ts';
import { ownsRecord, recordOf } from './log/request-record.ts';

/** Milliseconds of database work one request may take (Node and edge default). */
export const DEFAULT_DATABASE_TIMEOUT_MS = 5000;

const deadlines = new WeakMap<object, Deadline>();

export function useRequestDeadline<TServerContext extends Record<string, unknown>>(
  timeoutMs: (serverContext: TServerContext) => number,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest({ request, serverContext }) {
      const record = recordOf(serverContext);
      if (!record || record.signal || !ownsRecord(serverContext)) return;
      const deadline = new Deadline(timeoutMs(serverContext as TServerContext), request.signal);
      record.signal = deadline.signal;
      deadlines.set(serverContext, deadline);
    },
    onResponse({ serverContext }) {
      deadlines.get(serverContext)?.release();
      deadlines.delete(serverContext);
    },
  };
}

/**
 * One request's deadline: a timer, and a listener on its client's signal (this object itself, by
 * `handleEvent`) — no closures made per request.
 */
class Deadline {
  readonly signal = new DeadlineSignal();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #clientSignal: AbortSignal | undefined;

  constructor(ms: number, clientSignal: AbortSignal | undefined) {
    this.#timer = setTimeout(expire, ms, this.signal, ms);
    this.#clientSignal = clientSignal;
    if (clientSignal?.aborted) this.handleEvent();
    else clientSignal?.addEventListener('abort', this, { once: true });
  }

  /** The client went away. */
  handleEvent(): void {
    this.signal.abort(new RequestCancelled());
  }

  release(): void {
    clearTimeout(this.#timer);
    this.#clientSignal?.removeEventListener('abort', this);
  }
}

function expire(signal: DeadlineSignal, ms: number): void {
  signal.abort(new DeadlineExceeded(ms));
}
