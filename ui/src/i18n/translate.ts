// Looking a text up in the UI's language. Texts are written in English in the components and looked up by that
// English wording, so a missing translation shows English instead of a key. A text with a `{count}` is plural: each
// language gives its forms, and `Intl.PluralRules` picks one. Keys are string literals (`t("…")`) or marked with
// `msg("…")` where a table holds them, so a static scan (texts.test.ts) sees every key the code can ask for.
import { ENGLISH } from "./en";
import { FRENCH } from "./fr";

export type Language = "en" | "fr";
export type LanguageChoice = "system" | Language;

/** The forms of a plural text; `other` also covers the categories a language has beyond these (French "many"). */
export interface Plural {
  one: string;
  other: string;
}
export type Entry = string | Plural;
export type Catalogue = Readonly<Record<string, Entry>>;
export type Values = Readonly<Record<string, string | number | bigint>>;

declare const marked: unique symbol;
/** An English text marked with `msg()`: the only kind of non-literal key `t()` accepts. */
export type MessageKey = string & { readonly [marked]: true };
/** A string literal type, or `never` for the wide `string` (a key the scan could not see). */
type Literal<K extends string> = string extends K ? never : K;

export type Translate = <K extends string>(english: Literal<K> | MessageKey, values?: Values) => string;

const CATALOGUES: Record<Language, Catalogue> = { en: ENGLISH, fr: FRENCH };

/** Marks an English text kept in a table (a screen name, a label by code) as a key, for `t()` to look up later. */
export function msg<K extends string>(english: Literal<K>): K & MessageKey {
  return english as unknown as K & MessageKey;
}

/** The language a system language tag stands for (French for any `fr…`, English otherwise). */
export function languageOf(tag: string | undefined | null): Language {
  return (tag ?? "en").toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** A text's placeholders, `{name}`, in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}

/** The translation function of a language. Pure: the same language always gives the same texts. */
export function createTranslator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  const rules = new Intl.PluralRules(language);
  return (english: string, values: Values = {}) => {
    const entry = catalogue[english] ?? ENGLISH[english] ?? english;
    // A count may arrive already formatted ("1,000,000"): it then reads as NaN, which is "other", as grouped numbers
    // always are in English and French.
    const text = typeof entry === "string" ? entry : rules.select(Number(values.count)) === "one" ? entry.one : entry.other;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}
