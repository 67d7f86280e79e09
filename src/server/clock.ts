/**
 * The day a request is answered as of. Some answers depend on it (`overdue` without `asOf` means
 * "overdue today"), so it is read from the clock once per request and then used everywhere that
 * request needs it — the resolvers (through the context) and the response cache key alike — so a
 * request can never be computed for one day and cached under another. Tests pass their own clock.
 */

/** Where the server reads the time; `() => new Date()` outside tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** `YYYY-MM-DD` in UTC. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Whole seconds from `date` until the next UTC midnight (at least 1). */
export function secondsLeftInUtcDay(date: Date): number {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
  return Math.max(1, Math.floor((midnight - date.getTime()) / 1000));
}

const DAY_MS = 86_400_000;

/**
 * The day of each request, read from `clock` the first time it is asked for. The text of the
 * last day seen is kept with its bounds, so most requests compare a number instead of
 * formatting a date.
 */
export function requestDays(clock: Clock): (request: Request) => string {
  const days = new WeakMap<Request, string>();
  let last = { day: '', from: 0, until: 0 };
  return (request) => {
    let day = days.get(request);
    if (day === undefined) {
      const now = clock().getTime();
      if (!(now >= last.from && now < last.until)) {
        const from = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
        last = { day: utcDay(new Date(now)), from, until: from + DAY_MS };
      }
      day = last.day;
      days.set(request, day);
    }
    return day;
  };
}
