// Looking texts up: placeholders, plural forms by language, the English fallback, and keys the type system accepts.
import { describe, expect, it } from "vitest";
import { createTranslator, languageOf, msg, placeholders } from "./translate";

const en = createTranslator("en");
const fr = createTranslator("fr");

describe("t()", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(en("Go to {screen}", { screen: "Accounts" })).toBe("Go to Accounts");
    expect(fr("Go to {screen}", { screen: "Comptes" })).toBe("Aller à Comptes");
    expect(en("Listening on {address}")).toBe("Listening on {address}");
  });

  it("picks the plural form with each language's rules: French 0 and 1 are singular, English 0 is plural", () => {
    expect([0, 1, 2].map((count) => en("{count} accounts", { count }))).toEqual(["0 accounts", "1 account", "2 accounts"]);
    expect([0, 1, 2].map((count) => fr("{count} accounts", { count }))).toEqual(["0 compte", "1 compte", "2 comptes"]);
    expect(fr("{count} accounts", { count: 1_000_000 })).toBe("1000000 comptes");
    expect(en("{count} transactions", { count: 1n })).toBe("1 transaction");
  });

  it("reads a count already formatted with digit grouping as plural", () => {
    expect(en("{count} transactions", { count: "1,000,000" })).toBe("1,000,000 transactions");
    expect(fr("{count} transactions", { count: "1 000" })).toBe("1 000 opérations");
    expect(en("{count} transactions", { count: "1" })).toBe("1 transaction");
  });

  it("falls back to the English text for a text French lacks", () => {
    // @ts-expect-error -- a non-literal key must be marked with msg(), so the texts scan can see it
    expect(fr(["Not", "catalogued"].join(" "))).toBe("Not catalogued");
    expect(fr(msg("Dashboard"))).toBe("Tableau de bord");
  });

  it("tells the language of a system tag, and the placeholders of a text", () => {
    expect([languageOf("fr-CH"), languageOf("FR"), languageOf("en-GB"), languageOf("de-DE"), languageOf(undefined)]).toEqual(["fr", "fr", "en", "en", "en"]);
    expect(placeholders("{a} and {b}, {a}")).toEqual(["a", "b", "a"]);
  });
});
