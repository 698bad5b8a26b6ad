// What the Wealth screen derives for display from the core's exact figures: a part of a whole as a ratio (for a
// percentage, rounded only when written), a gain as a ratio of its cost, and what a rolled-up holding's parts say
// together (its oldest value day, whether a part is stale, which figures Powens computed). Pure.
import type { HoldingPart } from "../../bindings/HoldingPart";
import { compareDecimals, negateDecimal, sumDecimals } from "../../lib/decimal";

/** `part / whole` as a decimal string for a percentage; none when the whole is not positive. */
export function ratioOf(part: string, whole: string): string | null {
  return compareDecimals(whole, "0") > 0 ? String(Number(part) / Number(whole)) : null;
}

/** A gain as a ratio of its cost (the value less the gain); none without a gain or a positive cost. */
export function gainRatioOf(value: string | null, gain: string | null): string | null {
  if (value === null || gain === null) return null;
  return ratioOf(gain, sumDecimals([value, negateDecimal(gain)]));
}

/** What a holding's parts say together. */
export function partsSummary(parts: readonly HoldingPart[]) {
  const days = parts.map((p) => p.valueDate).filter((d): d is string => d !== null).sort();
  return {
    /** The oldest value day: the holding's figure is as old as its oldest part. */
    valueDate: days[0] ?? null,
    stale: parts.some((p) => p.stale),
    calculated: [...new Set(parts.flatMap((p) => p.calculated))],
  };
}
