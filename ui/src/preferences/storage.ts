// Where the display preferences are kept between runs: localStorage, one key each, read once at start and written
// by the provider's effect. Absent keys mean "follow the system" (theme, language), "amounts shown" (privacy) and
// "the household's view" (view; usufruct for the basis). The view and its basis are kept per profile.
import type { Basis } from "../bindings/Basis";
import type { OwnerId } from "../bindings/OwnerId";
import type { LanguageChoice } from "../i18n/translate";

export type ThemeChoice = "system" | "light" | "dark";

export const THEME_KEY = "pfo.theme";
export const PRIVACY_KEY = "pfo.privacy";
export const LANGUAGE_KEY = "pfo.language";
export const VIEW_KEY = "pfo.view";
export const BASIS_KEY = "pfo.basis";

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

/**
 * The view is kept per profile (the core's `AppStatus.profile`): owner ids belong to one household, so the demo
 * household's `o2` is not the live household's, and a profile opened for the first time starts in the household view.
 */
export const viewKey = (profile: string) => `${VIEW_KEY}.${profile}`;
export const basisKey = (profile: string) => `${BASIS_KEY}.${profile}`;

/** The owner whose view was last chosen in `profile` (an id such as `o2`; whether it still exists is checked once owners load). */
export function savedView(profile: string): OwnerId | null {
  const saved = read(viewKey(profile));
  return saved && /^o\d+$/.test(saved) ? saved : null;
}

export function savedBasis(profile: string): Basis {
  return read(basisKey(profile)) === "bare_ownership" ? "bare_ownership" : "usufruct";
}

/** Writes the view and its basis of `profile`; the household's view and the default basis leave no key behind. */
export function saveView(profile: string, view: OwnerId | null, basis: Basis): void {
  if (view === null) localStorage.removeItem(viewKey(profile));
  else localStorage.setItem(viewKey(profile), view);
  if (basis === "usufruct") localStorage.removeItem(basisKey(profile));
  else localStorage.setItem(basisKey(profile), basis);
}
