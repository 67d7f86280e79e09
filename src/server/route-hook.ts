/**
 * An `onRequest` hook for the few requests a plugin answers (/health, /csv, /persisted/…): every
 * other request passes it synchronously. An `async` hook hands back a promise even when it
 * returns at once, and whatwg-node then waits a turn of the microtask queue for it — on every
 * request, for each such plugin. The predicate is the hook's own first test, done outside it.
 */
export function onRequestWhere<Payload>(
  applies: (payload: Payload) => boolean,
  hook: (payload: Payload) => Promise<void>,
): (payload: Payload) => Promise<void> | undefined {
  return (payload) => (applies(payload) ? hook(payload) : undefined);
}
