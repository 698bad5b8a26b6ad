// Exact sums, products, signs and order of the core's decimal strings.
import { describe, expect, it } from "vitest";
import { compareDecimals, multiplyDecimals, negateDecimal, sumDecimals } from "./decimal";

describe("sumDecimals", () => {
  it("adds exactly, at the finest scale, where floats would drift", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["726.28", "-66000.275", "28926"])).toBe("-36347.995");
    expect(sumDecimals(["1452.56", "-120000.50"])).toBe("-118547.94");
  });

  it("keeps signs, leading zeros and the empty sum", () => {
    expect(sumDecimals(["-0.05", "0.01"])).toBe("-0.04");
    expect(sumDecimals([".5", "+1"])).toBe("1.5");
    expect(sumDecimals([])).toBe("0");
  });

  it("refuses what is not a decimal number", () => {
    expect(() => sumDecimals(["1e3"])).toThrow(/not a decimal/);
  });
});

describe("multiplyDecimals, negateDecimal and compareDecimals", () => {
  it("multiply exactly, at the sum of the scales", () => {
    expect(multiplyDecimals("9140.00", "0.5")).toBe("4570.000");
    expect(multiplyDecimals("-329.71", "0.92")).toBe("-303.3332");
    expect(multiplyDecimals("0.1", "0.2")).toBe("0.02");
    expect(multiplyDecimals("-120000.50", "0.55")).toBe("-66000.2750");
  });

  it("turn the sign, and order by value whatever the scale", () => {
    expect(negateDecimal("-120000.50")).toBe("120000.50");
    expect(negateDecimal("0.00")).toBe("0.00");
    expect(compareDecimals("10.5", "10.50")).toBe(0);
    expect(compareDecimals("-1", "0.001")).toBe(-1);
    expect(compareDecimals("48210.00", "30250")).toBe(1);
  });
});
