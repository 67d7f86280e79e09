/**
 * An integer with commas between thousands ("2,000"), as `toLocaleString('en-US')` writes it,
 * without Intl: its first use costs an edge isolate ~10–25 ms of CPU (ICU's number formats
 * load), and the schema's descriptions would pay it at every start.
 */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
