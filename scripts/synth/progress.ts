/**
 * A progress bar on stderr: done / total, rate, ETA. On a terminal it redraws one line (at most
 * ten times a second); elsewhere (CI logs, pipes) it prints a line every 10%.
 */
const WIDTH = 30;

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #label: string;
  readonly #unit: string;
  readonly #rate: boolean;
  readonly #started = performance.now();
  #lastDraw = 0;
  #lastTenth = -1;

  /** `rate: false` for uneven steps, where a rate and an ETA would mislead. */
  constructor(label: string, unit: string, { rate = true, stream = process.stderr } = {}) {
    this.#label = label;
    this.#unit = unit;
    this.#rate = rate;
    this.#stream = stream;
  }

  /** `note` says what is being done (shown after the counts). */
  update(done: number, total: number, note = ''): void {
    const now = performance.now();
    const elapsed = now - this.#started;
    const rate = elapsed > 0 ? (done / elapsed) * 1000 : 0;
    const eta = rate > 0 ? ((total - done) / rate) * 1000 : 0;
    const fraction = total > 0 ? done / total : 1;
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const speed = this.#rate ? `  ${n(rate)}/s  ETA ${duration(eta)}` : `  ${duration(elapsed)}`;
    const text = `${this.#label} ${n(done)}/${n(total)} ${this.#unit}${speed}${note ? `  ${note}` : ''}`;
    if (this.#stream.isTTY) {
      if (now - this.#lastDraw < 100 && done < total) return;
      this.#lastDraw = now;
      const filled = Math.round(fraction * WIDTH);
      this.#stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${text}\x1b[K`);
    } else {
      const tenth = Math.floor(fraction * 10);
      if (tenth === this.#lastTenth && !note) return;
      this.#lastTenth = tenth;
      this.#stream.write(`${Math.round(fraction * 100)}% ${text}\n`);
    }
  }

  /** Ends the bar's line with the total time. */
  finish(): void {
    const elapsed = performance.now() - this.#started;
    this.#stream.write(`${this.#stream.isTTY ? '\n' : ''}${this.#label} done in ${duration(elapsed)}\n`);
  }
}
