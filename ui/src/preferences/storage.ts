// Where the display preferences are kept between runs: localStorage, one key each, read once at start and written
// by the provider's effect. Absent keys mean "follow the system" (theme, language) and "amounts shown" (privacy).
import type { LanguageChoice } from "../i18n/translate";

export type ThemeChoice = "system" | "light" | "dark";

export const THEME_KEY = "pfo.theme";
export const PRIVACY_KEY = "pfo.privacy";
export const LANGUAGE_KEY = "pfo.language";

function read(key: string): string | null {
  return typeof localStorage === "undefined" ? null : localStorage.getItem(key);
}

export function savedTheme(): ThemeChoice {
  const saved = read(THEME_KEY);
  return saved === "light" || saved === "dark" ? saved : "system";
}

export function savedLanguage(): LanguageChoice {
  const saved = read(LANGUAGE_KEY);
  return saved === "en" || saved === "fr" ? saved : "system";
}

export function savedAmountsHidden(): boolean {
  return read(PRIVACY_KEY) === "on";
}

/** Writes the three preferences as they are now; "system" leaves no key behind. */
export function savePreferences(theme: ThemeChoice, language: LanguageChoice, amountsHidden: boolean): void {
  if (theme === "system") localStorage.removeItem(THEME_KEY);
  else localStorage.setItem(THEME_KEY, theme);
  if (language === "system") localStorage.removeItem(LANGUAGE_KEY);
  else if (localStorage.getItem(LANGUAGE_KEY) !== language) localStorage.setItem(LANGUAGE_KEY, language);
  localStorage.setItem(PRIVACY_KEY, amountsHidden ? "on" : "off");
}
