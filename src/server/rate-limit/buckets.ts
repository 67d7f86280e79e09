/**
 * Each client's budget of points, as a token bucket: it holds at most `points`, refills at
 * `points` per `windowSeconds`, continuously, and a request is let in while the bucket holds a
 * point or more. Its cost is taken once known (after execution), so one request may overdraw the
 * bucket: the client then waits until the refill has paid the debt — never more than one request
 * of debt, because nothing is let in below zero. Kept in memory; the least recently seen clients
 * are forgotten past MAX_CLIENTS (forgetting one only gives it a full bucket early).
 */

export const MAX_CLIENTS = 100_000;

export interface BucketState {
  /** The bucket's size: the points a fresh client has. */
  limit: number;
  /** Whole points left now (never below 0 in headers). */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the bucket holds a point again: 0 while it does. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #ratePerMs: number;

  constructor(
    readonly points: number,
    readonly windowSeconds: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxClients = MAX_CLIENTS,
  ) {
    this.#ratePerMs = points / (windowSeconds * 1000);
  }

  /** The client's bucket as of now, without charging it. */
  state(client: string): BucketState {
    return this.#describe(this.#refilled(client));
  }

  /** Takes `cost` points (possibly into debt) and returns the bucket after. */
  charge(client: string, cost: number): BucketState {
    const bucket = this.#refilled(client);
    bucket.tokens -= cost;
    return this.#describe(bucket);
  }

  #refilled(client: string): Bucket {
    const now = this.now();
    let bucket = this.#buckets.get(client);
    if (bucket) {
      bucket.tokens = Math.min(this.points, bucket.tokens + (now - bucket.at) * this.#ratePerMs);
      bucket.at = now;
      this.#buckets.delete(client); // re-inserted last: the map's order is least recently seen first
    } else {
      bucket = { tokens: this.points, at: now };
    }
    this.#buckets.set(client, bucket);
    for (const oldest of this.#buckets.keys()) {
      if (this.#buckets.size <= this.maxClients) break;
      this.#buckets.delete(oldest);
    }
    return bucket;
  }

  #describe(bucket: Bucket): BucketState {
    const msToFull = (this.points - bucket.tokens) / this.#ratePerMs;
    const msToPositive = bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / this.#ratePerMs;
    return {
      limit: this.points,
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      resetSeconds: Math.ceil(msToFull / 1000),
      retryAfterSeconds: Math.ceil(msToPositive / 1000),
    };
  }
}
