// The preferences as the document carries them: `lang`, `data-theme` (the theme in effect, so the stylesheet defines
// each palette once) and `data-privacy`. Called from effects, and once before the first paint.
import type { Language } from "../i18n/translate";
import type { ThemeChoice } from "./storage";

export type Theme = "light" | "dark";

/** The theme in effect: the choice, or the system's. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === "system" ? (systemDark ? "dark" : "light") : choice;
}

export function applyTheme(theme: Theme): void {
  document.documentElement.setAttribute("data-theme", theme);
}

export function applyToDocument(theme: Theme, language: Language, amountsHidden: boolean): void {
  applyTheme(theme);
  document.documentElement.lang = language;
  document.documentElement.setAttribute("data-privacy", amountsHidden ? "on" : "off");
}
