// The arithmetic of a chart's axes: "nice" amount ticks (1, 2, 2.5 or 5 times a power of ten) and evenly spread date
// ticks. Pure, so it is tested apart from the drawing.
import { dayOf } from "../../lib/format";

/** Ticks covering [low, high] with about `count` steps; a flat series gets a band around its value. */
export function amountTicks(low: number, high: number, count = 4): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0];
  if (low === high) {
    const pad = Math.abs(low) * 0.1 || 1;
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let tick = Math.floor(low / step) * step; tick <= high + step * 1e-9; tick += step) ticks.push(Math.abs(tick) < step * 1e-9 ? 0 : tick);
  if (ticks[ticks.length - 1] < high) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/** Indices of at most `most` points to label on the date axis, first and last included. */
export function dateTickIndices(points: number, most = 6): number[] {
  if (points <= most) return Array.from({ length: points }, (_, i) => i);
  return Array.from({ length: most }, (_, i) => Math.round((i * (points - 1)) / (most - 1)));
}

/** Milliseconds of a day (`YYYY-MM-DD`) or an instant's day, for placing it along the date axis. */
export function timeOf(dayOrInstant: string): number {
  return dayOf(dayOrInstant).getTime();
}

/** Whether the dates span long enough for months (rather than days) to label them. */
export function spansMonths(first: string, last: string): boolean {
  return timeOf(last) - timeOf(first) > 62 * 86_400_000;
}
