// Exact arithmetic on the decimal strings the core sends (`-120000.50`, `726.28`, `0.5500000000`): summed as
// integers of the finest scale among them, so that totals of exact shares stay exact (floats would drift); products
// and signs for the same reason (a part of a position, an amount at a rate), compared for sorting.

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(text: string): Scaled {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: ${text}`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(`${whole || "0"}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

function written({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}

/** The exact sum of decimal strings, at the finest scale among them ("0" for none). */
export function sumDecimals(values: readonly string[]): string {
  const parts = values.map(scaled);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const units = parts.reduce((sum, p) => sum + p.units * 10n ** BigInt(scale - p.scale), 0n);
  return written({ units, scale });
}

/** The exact product of two decimal strings, at the sum of their scales (as the core's decimals multiply). */
export function multiplyDecimals(a: string, b: string): string {
  const [x, y] = [scaled(a), scaled(b)];
  return written({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** The decimal string with its sign turned ("0.00" stays unsigned). */
export function negateDecimal(value: string): string {
  const parsed = scaled(value);
  return written({ units: -parsed.units, scale: parsed.scale });
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`, exactly. */
export function compareDecimals(a: string, b: string): number {
  const difference = scaled(sumDecimals([a, negateDecimal(b)])).units;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
