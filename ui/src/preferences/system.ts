// What the system says, read live: its colour scheme (prefers-color-scheme, followed as it changes) and its
// language (navigator.language, followed on `languagechange`). Subscriptions for useSyncExternalStore; no state here.
import { useSyncExternalStore } from "react";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function darkQuery(): MediaQueryList | undefined {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY) : undefined;
}

export function systemPrefersDark(): boolean {
  return darkQuery()?.matches ?? false;
}

function subscribeToColourScheme(onChange: () => void): () => void {
  const query = darkQuery();
  if (!query) return () => undefined;
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Whether the system is in dark mode, re-rendering when it switches. */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribeToColourScheme, systemPrefersDark, () => false);
}

export function systemLanguageTag(): string {
  return typeof navigator !== "undefined" && navigator.language ? navigator.language : "en";
}

function subscribeToLanguage(onChange: () => void): () => void {
  window.addEventListener("languagechange", onChange);
  return () => window.removeEventListener("languagechange", onChange);
}

/** The system's language tag (also its regional settings), re-rendering when it changes. */
export function useSystemLanguageTag(): string {
  return useSyncExternalStore(subscribeToLanguage, systemLanguageTag, () => "en");
}
