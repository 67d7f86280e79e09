/**
 * A request's deadline signal: what an AbortSignal offers its listeners (`aborted`, `reason`, an
 * `abort` event, `onabort`, `throwIfAborted`), made by the deadline plugin for every request.
 * Node 20 takes about 8 µs to create an AbortController's signal (its bookkeeping for
 * `AbortSignal.any`), more than the rest of the deadline's work together; this one is an
 * EventTarget and a few fields. It is only ever listened to (src/db/request-signal.ts, the
 * worker-thread client): hand a real AbortSignal to anything that needs one (`fetch`,
 * `AbortSignal.any`).
 */
export class DeadlineSignal extends EventTarget implements AbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((this: AbortSignal, event: Event) => unknown) | null = null;

  /** Aborts once, with `reason`; later calls do nothing, as AbortController's. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const event = new Event('abort');
    this.onabort?.call(this, event);
    this.dispatchEvent(event);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }
}
