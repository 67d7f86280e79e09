/**
 * Loaded into the server under test (`node --import`) by `npm run load`: samples its event-loop
 * delay, and on SIGUSR2 prints the distribution since the last one as a `LOOP {…}` line on stderr
 * (milliseconds), then starts afresh. Nothing of it is in the server itself.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

// Plain JavaScript: it is loaded with --import beside tsx, before tsx's hooks can load TypeScript.

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const line = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
  process.stderr.write(`LOOP ${JSON.stringify(line)}\n`);
  histogram.reset();
});
