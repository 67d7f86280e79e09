/**
 * Charts are drawn with Observable Plot (SVG: real text, scalable, labelled for screen readers)
 * at the width of their container, and drawn again when it changes (a phone turned, an iframe
 * resized). Every chart sits in a <figure> with its caption; its numbers are also in a table.
 */
import { h } from './dom.ts';

export function responsiveChart(label: string, draw: (width: number) => Element): HTMLElement {
  const holder = h('div', { class: 'chart' });
  let drawnAt = 0;
  const render = () => {
    const width = Math.max(260, Math.floor(holder.clientWidth || 640));
    if (width === drawnAt) return;
    drawnAt = width;
    const chart = draw(width);
    // With a legend Plot returns a <figure>: its swatches are decoration beside visible text.
    for (const swatch of chart.querySelectorAll('svg:not([viewBox])')) swatch.setAttribute('aria-hidden', 'true');
    const svg = chart.matches('svg') ? chart : chart.querySelector('svg[viewBox]');
    svg?.setAttribute('role', 'img');
    svg?.setAttribute('aria-label', label);
    holder.replaceChildren(chart);
  };
  // Drawn once attached (clientWidth is 0 before), then on every change of width.
  new ResizeObserver(render).observe(holder);
  return holder;
}

/** Shortens a label to `max` characters at a word boundary. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,.;:]$/, '')}…`;
}

/** Plot's categorical colours, checked for 3:1 contrast against white (WCAG non-text). */
export const COLORS = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a3d9a', '#8c564b', '#3d6a74'];
export const OVERDUE = '#b00020';

/** Plot's 10px default is too small to read on a phone. */
export const CHART_STYLE = { fontSize: '13px' };

/**
 * Room for the labels on a chart's left: at most 45% of its width, and labels shortened to fit
 * it (Plot does not wrap or clip axis labels; at 13px a character is about 7.5px wide).
 */
export function labelRoom(width: number, longest: number): { marginLeft: number; maxChars: number } {
  const maxChars = Math.max(12, Math.min(longest, Math.floor((width * 0.45 - 16) / 7.5)));
  return { marginLeft: Math.ceil(maxChars * 7.5 + 16), maxChars };
}

/** 1, 10, 100, … inside [low, high]: the ticks of a log scale without its minor ones. */
export function powersOfTen(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let p = Math.ceil(Math.log10(low)); 10 ** p <= high; p++) ticks.push(10 ** p);
  return ticks;
}
