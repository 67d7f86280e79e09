/**
 * Writes this process (or edge isolate) has sent, counted so that its own caches notice them at
 * once: the response caches re-read the data revision only every REVISION_CHECK_MS
 * (src/server/revision-check.ts), which bounds how late they see other processes' writes, but a
 * process must never serve its own write's stale answers. src/ingest/commit.ts counts every batch.
 */
let count = 0;

/** Called around every write batch (also one that failed: it may have landed all the same). */
export function noteLocalWrite(): void {
  count++;
}

export function localWriteCount(): number {
  return count;
}
