// Exact sums of the core's decimal strings.
import { describe, expect, it } from "vitest";
import { sumDecimals } from "./decimal";

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
