// Every text a person reads is translated: each key the code asks for has its French (and, for plurals, English)
// forms with the same placeholders, no French entry is left over, and no visible literal of the TSX bypasses t().
import { describe, expect, it } from "vitest";
import { messageKeys, uiSources, untranslatedTexts, type Source } from "../test/source-scan";
import { ENGLISH } from "./en";
import { FRENCH } from "./fr";
import { placeholders, type Catalogue, type Entry } from "./translate";

/** Visible literals that are not words of a language: names, codes, example values and a command line. */
const NOT_WORDS = new Set([
  "USD", // currency code, as the placeholder of the rate form
  "eu", // Powens region code, as a placeholder
  "/home/…/pocket-family-office-live-2026-12-03.pfobackup", // an example path
  "pfo connect powens --environment production --base-url https://YOUR-DOMAIN.biapi.pro/2.0", // a command to type
]);

const sources = uiSources();
const { keys, dynamic } = messageKeys(sources);
const used = new Set(keys.map((key) => key.text));
const forms = (entry: Entry | undefined) => (entry === undefined ? [] : typeof entry === "string" ? [entry] : [entry.one, entry.other]);
const sorted = (names: string[]) => [...new Set(names)].sort();
const where = (found: { path: string; line: number; text: string }[]) => found.map((f) => `${f.path}:${f.line} ${JSON.stringify(f.text)}`);

describe("the texts", () => {
  it("are read from the UI's sources", () => {
    expect(sources.length).toBeGreaterThan(30);
    expect(used.size).toBeGreaterThan(300);
    expect(dynamic).toEqual([]);
  });

  it("each have a French entry", () => {
    expect([...used].filter((key) => !(key in FRENCH))).toEqual([]);
  });

  it("leave no French or English entry unused", () => {
    expect(Object.keys(FRENCH).filter((key) => !used.has(key))).toEqual([]);
    expect(Object.keys(ENGLISH).filter((key) => !used.has(key))).toEqual([]);
  });

  it("with a {count} have their singular and plural in English and French, and only they do", () => {
    const plural = (catalogue: Catalogue) => Object.keys(catalogue).filter((key) => typeof catalogue[key] !== "string");
    const counted = [...used].filter((key) => placeholders(key).includes("count"));
    expect(sorted(plural(ENGLISH))).toEqual(sorted(counted));
    expect(sorted(plural(FRENCH))).toEqual(sorted(counted));
  });

  it("keep their placeholders in every form of every language", () => {
    const broken = [ENGLISH, FRENCH].flatMap((catalogue) =>
      Object.entries(catalogue).flatMap(([key, entry]) => forms(entry).filter((text) => sorted(placeholders(text)).join() !== sorted(placeholders(key)).join()).map((text) => `${key} → ${text}`)),
    );
    expect(broken).toEqual([]);
  });

  it("of the TSX all go through t(): JSX text, aria-label, title, placeholder and rendered literals", () => {
    expect(where(untranslatedTexts(sources, NOT_WORDS))).toEqual([]);
  });
});

describe("the scan of the TSX", () => {
  const scan = (text: string) => untranslatedTexts([{ path: "/src/Sample.tsx", text } satisfies Source], NOT_WORDS).map((f) => f.text);

  it("finds texts that bypass t()", () => {
    const sample = `
      export function Sample({ n, name, hidden }: { n: number; name: string; hidden: boolean }) {
        return (
          <div title="Open it" data-x="not read">
            Hello there
            <input aria-label={"Search"} placeholder={\`Min \${n}\`} className="not read" />
            <span>{hidden ? "hidden" : name}</span>
            <span>{name ?? "no number"}</span>
            <Banner action="Try again." />
            <p>{[1, 2].map((x) => \`\${x} items\`).join(", ")}</p>
            {n > 1 && "many"}
          </div>
        );
      }`;
    expect(scan(sample)).toEqual(["Open it", "Hello there", "Search", "Min", "hidden", "no number", "Try again.", "items", "many"]);
  });

  it("accepts t(), msg() keys, values, symbols and the explicit allow-list", () => {
    const sample = `
      export function Sample({ t, n, label }: { t: Translate; n: number; label: MessageKey }) {
        return (
          <div title={t("Open it")} className={\`card \${n}\`} role="group" aria-live="polite">
            {t(label)} — {n} · {"•"} → {\`\${n} %\`}
            <input aria-label={t("Search")} placeholder="USD" type="search" />
            <code>pfo connect powens --environment production --base-url https://YOUR-DOMAIN.biapi.pro/2.0</code>
          </div>
        );
      }`;
    expect(scan(sample)).toEqual([]);
  });

  it("collects literal keys of t() and msg(), and reports msg() of anything else", () => {
    const found = messageKeys([{ path: "/src/a.ts", text: `const a = msg("A"); t("B {x}", { x: 1 }); t(a); msg(dynamicText);` }]);
    expect(found.keys.map((k) => k.text)).toEqual(["A", "B {x}"]);
    expect(found.dynamic.map((k) => k.text)).toEqual(["msg(dynamicText)"]);
  });
});
