/** Calendar arithmetic on YYYY-MM-DD strings, in UTC (a date has no time zone here). */

export interface Day {
  y: number;
  m: number; // 1-12
  d: number;
}

export function parseDay(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

export function iso({ y, m, d }: Day): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

export const monthStart = (y: number, m: number) => iso({ y, m, d: 1 });
export const monthEnd = (y: number, m: number) => iso({ y, m, d: daysInMonth(y, m) });

/** Whether an ISO date is a real day ("2017-02-30" is not). */
export function isRealDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const { y, m, d } = parseDay(text);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
