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

const releases = new WeakMap<object, () => void>();

export function useRequestDeadline<TServerContext extends Record<string, unknown>>(
  timeoutMs: (serverContext: TServerContext) => number,
): Plugin<Record<string, unknown>, TServerContext> {
  return {
    onRequest({ request, serverContext }) {
      const record = recordOf(serverContext);
      if (!record || record.signal || !ownsRecord(serverContext)) return;
      const ms = timeoutMs(serverContext as TServerContext);
      const signal = new DeadlineSignal();
      const timer = setTimeout(() => signal.abort(new DeadlineExceeded(ms)), ms);
      const onClientGone = () => signal.abort(new RequestCancelled());
      const clientSignal = request.signal as AbortSignal | undefined;
      if (clientSignal?.aborted) onClientGone();
      else clientSignal?.addEventListener('abort', onClientGone, { once: true });
      record.signal = signal;
      releases.set(serverContext, () => {
        clearTimeout(timer);
        clientSignal?.removeEventListener('abort', onClientGone);
      });
    },
    onResponse({ serverContext }) {
      releases.get(serverContext)?.();
      releases.delete(serverContext);
    },
  };
}
