import { describe, expect, it } from "vitest";
import { accountTypeLabel, formatMoney, userLocale } from "./format";

describe("format", () => {
  it("falls back to a valid locale when the system reports a POSIX one", () => {
    expect(() => userLocale("C")).not.toThrow();
    expect(userLocale("C")).not.toBe("C");
    expect(userLocale("fr-fr")).toBe("fr-FR");
    expect(formatMoney("12.5", "EUR", userLocale("C"))).toMatch(/12[.,]50/);
  });

  it("formats decimal strings exactly in their currency", () => {
    expect(formatMoney("-210564.2", "EUR", "fr-FR")).toMatch(/-210\s564,20\s€/);
    expect(formatMoney("28394.2", "CHF", "en-GB")).toMatch(/^CHF\s28,394\.20$/);
    expect(formatMoney(null, "EUR", "en-GB")).toBe("—");
  });

  it("labels known account types and keeps unknown codes", () => {
    expect(accountTypeLabel("livret_a")).toBe("Livret A");
    expect(accountTypeLabel("crowdlending")).toBe("crowdlending");
  });
});
