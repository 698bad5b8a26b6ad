// The person's display preferences, kept in localStorage and applied to the document: the theme (following the
// system unless chosen) and the privacy switch that hides every amount. `formatMoney` reads the privacy switch, so
// one place decides how a hidden amount looks.

export type ThemeChoice = "system" | "light" | "dark";

const THEME_KEY = "pfo.theme";
const PRIVACY_KEY = "pfo.privacy";

/** How every amount reads while privacy is on. */
export const HIDDEN_AMOUNT = "•••••";

let amountsHidden = typeof localStorage !== "undefined" && localStorage.getItem(PRIVACY_KEY) === "on";

export function savedTheme(): ThemeChoice {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(THEME_KEY) : null;
  return saved === "light" || saved === "dark" ? saved : "system";
}

/** Applies and remembers a theme; "system" follows prefers-color-scheme. The document always carries the theme
 * in effect (`data-theme`), so the stylesheet defines each palette once. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") localStorage.removeItem(THEME_KEY);
  else localStorage.setItem(THEME_KEY, choice);
  document.documentElement.setAttribute("data-theme", effectiveTheme(choice));
}

/** Re-applies the system's theme whenever it changes, while the choice is "system"; returns the unsubscribe. */
export function followSystemTheme(): () => void {
  const query = typeof window !== "undefined" ? window.matchMedia?.("(prefers-color-scheme: dark)") : undefined;
  if (!query) return () => undefined;
  const onChange = () => {
    if (savedTheme() === "system") applyTheme("system");
  };
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** The theme in effect now: the choice, or the system's. */
export function effectiveTheme(choice: ThemeChoice = savedTheme()): "light" | "dark" {
  if (choice !== "system") return choice;
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function amountsAreHidden(): boolean {
  return amountsHidden;
}

/** Turns the privacy switch on or off, for the whole app, and remembers it. */
export function setAmountsHidden(hidden: boolean): void {
  amountsHidden = hidden;
  localStorage.setItem(PRIVACY_KEY, hidden ? "on" : "off");
  document.documentElement.setAttribute("data-privacy", hidden ? "on" : "off");
}
