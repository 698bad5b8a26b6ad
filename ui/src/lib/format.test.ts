// Formatting of the core's figures: locales, currencies, the privacy mark, account types by code.
import { describe, expect, it } from "vitest";
import { createTranslator } from "../i18n/translate";
import { accountTypeLabel, formatCompactMoney, formatDate, formatGainRatio, formatMoney, formatNaiveTime, formatQuantity, formatShortDate, userLocale } from "./format";

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

  it("writes a provider's naive time as written, whatever the time zone", () => {
    expect(formatNaiveTime("2026-11-25 20:00:00", "en-US")).toBe("Nov 25, 2026, 8:00 PM");
    expect(formatNaiveTime("2026-12-07 00:05:00", "fr-FR")).toMatch(/^7 déc\. 2026(,| à) 00:05$/);
  });

  it("writes gains signed, as amounts and as ratios of their cost, and quantities exactly", () => {
    expect(formatMoney("870.00", "EUR", "en-US", false, true)).toBe("+€870.00");
    expect(formatMoney("-1075.20", "EUR", "fr-FR", false, true)).toMatch(/^-1\s075,20\s€$/);
    expect(formatMoney("0.00", "EUR", "en-US", false, true)).toBe("€0.00");
    expect(formatMoney("870.00", "EUR", "en-US"), "unsigned by default").toBe("€870.00");
    expect(formatGainRatio("0.1915", "en-US")).toBe("+19.15%");
    expect(formatGainRatio("-0.1276", "fr-FR")).toMatch(/^-12,76\s%$/);
    expect(formatQuantity("0.5523", "en-US")).toBe("0.5523");
    expect(formatQuantity("1250", "fr-FR")).toMatch(/^1\s250$/);
  });

  it("labels known account types and keeps unknown codes", () => {
    expect(accountTypeLabel("livret_a", createTranslator("en"))).toBe("Livret A");
    expect(accountTypeLabel("crowdlending", createTranslator("en"))).toBe("crowdlending");
    expect(accountTypeLabel("loan", createTranslator("fr"))).toBe("Prêt");
  });

  it("writes the hidden mark instead of any amount while privacy is on", () => {
    expect(formatMoney("-210564.2", "EUR", "fr-FR", true)).toBe("••••• EUR");
    expect(formatMoney(null, "EUR", "fr-FR", true)).toBe("—");
  });

  it("writes chart axes short: compact amounts, days or months, never shifted by the time zone", () => {
    expect(formatCompactMoney(-90500, "EUR", "en-US")).toBe("-€90.5K");
    expect(formatCompactMoney(-90500, "EUR", "fr-FR")).toMatch(/^-90,5\sk\s€$/);
    expect(formatShortDate("2026-09-30", true, "en-US")).toBe("Sep 2026");
    expect(formatShortDate("2026-11-25T23:30:00Z", false, "fr-FR")).toBe("25 nov.");
    expect(formatDate("2026-01-01", "en-GB")).toBe("1 Jan 2026");
  });
});
