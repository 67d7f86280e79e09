/** What the coordinator asks of the load-generator process, and what it answers. */

export interface LoadRequest {
  id: number;
  url: string;
  body: string;
  connections: number;
  /** Run for this long (in-flight requests at the end are dropped)… */
  durationS?: number;
  /** …or until exactly this many responses have come back (nothing left in flight). */
  amount?: number;
  timeoutS: number;
  /** When set, autocannon compares every response body with it (mismatches are counted). */
  expectBody?: string;
}

export interface LoadResult {
  /** Seconds autocannon ran. */
  durationS: number;
  /** Responses received, and requests written (the difference was in flight at the end). */
  completed: number;
  sent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  /** From every 2xx response's time, in milliseconds (autocannon's histogram keeps whole ms). */
  latency: { p50: number; p99: number; mean: number; samples: number };
}

export type LoadReply = { id: number; ok: true; result: LoadResult } | { id: number; ok: false; error: string };

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
