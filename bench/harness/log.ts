/** Progress lines on stderr, each stamped with the time since the run started. */
const started = performance.now();

export function elapsed(): string {
  const s = Math.round((performance.now() - started) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function log(message: string): void {
  process.stderr.write(`[${elapsed()}] ${message}\n`);
}

export function elapsedMs(): number {
  return performance.now() - started;
}
