// The display preferences as React state, for the whole window: the language, the theme (following the system's
// colour scheme live unless one is chosen), the privacy switch and the view (whose figures, on which basis). Nothing is mutated during render: an effect keeps
// localStorage and the document (lang, data-theme, data-privacy) in step with the state. The view is read and kept
// per profile, once the app has adopted the profile the core says is open. While the app is locked the privacy switch
// is held on (`setPrivacyForced`); only the person's own choice is ever written to localStorage.
import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { scopeOf } from "../api/scope";
import type { Basis } from "../bindings/Basis";
import type { OwnerId } from "../bindings/OwnerId";
import { createTranslator, languageOf, type LanguageChoice } from "../i18n/translate";
import { userLocale } from "../lib/format";
import { PreferencesContext, type Preferences } from "./context";
import { applyToDocument, resolveTheme } from "./document";
import { savedAmountsHidden, savedBasis, savedLanguage, savedTheme, savedView, savePreferences, saveView, type ThemeChoice } from "./storage";
import { useSystemLanguageTag, useSystemPrefersDark } from "./system";

interface ProfileView {
  profile: string | null;
  view: OwnerId | null;
  basis: Basis;
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [languageChoice, setLanguage] = useState<LanguageChoice>(savedLanguage);
  const [themeChoice, setTheme] = useState<ThemeChoice>(savedTheme);
  const [amountsHiddenChoice, setAmountsHidden] = useState(savedAmountsHidden);
  const [privacyForced, setPrivacyForced] = useState(false);
  const amountsHidden = amountsHiddenChoice || privacyForced;
  // The view belongs to a profile; until the app says which profile is open (`adoptProfile`), it is the household's.
  const [scope, setScope] = useState<ProfileView>({ profile: null, view: null, basis: "usufruct" });
  const { profile, view, basis } = scope;
  const adoptProfile = useCallback(
    (next: string) => setScope((now) => (now.profile === next ? now : { profile: next, view: savedView(next), basis: savedBasis(next) })),
    [],
  );
  const setView = useCallback((next: OwnerId | null) => setScope((now) => ({ ...now, view: next })), []);
  const setBasis = useCallback((next: Basis) => setScope((now) => ({ ...now, basis: next })), []);
  const systemDark = useSystemPrefersDark();
  const systemTag = useSystemLanguageTag();

  const language = languageChoice === "system" ? languageOf(systemTag) : languageChoice;
  const theme = resolveTheme(themeChoice, systemDark);
  const formatLocale = useMemo(() => userLocale(systemTag), [systemTag]);
  const t = useMemo(() => createTranslator(language), [language]);
  const toggleAmountsHidden = useCallback(() => setAmountsHidden((hidden) => !hidden), []);
  const viewScope = useMemo(() => scopeOf(view, basis), [view, basis]);

  // Before paint, so the first frame already has the palette and language chosen.
  useLayoutEffect(() => applyToDocument(theme, language, amountsHidden), [theme, language, amountsHidden]);
  useLayoutEffect(() => savePreferences(themeChoice, languageChoice, amountsHiddenChoice), [themeChoice, languageChoice, amountsHiddenChoice]);
  useLayoutEffect(() => {
    if (profile !== null) saveView(profile, view, basis);
  }, [profile, view, basis]);

  const value = useMemo<Preferences>(
    () => ({
      languageChoice,
      language,
      reportLocale: language,
      setLanguage,
      themeChoice,
      theme,
      setTheme,
      amountsHidden,
      setAmountsHidden,
      toggleAmountsHidden,
      setPrivacyForced,
      formatLocale,
      t,
      viewProfile: profile,
      adoptProfile,
      view,
      setView,
      basis,
      setBasis,
      viewScope,
    }),
    [languageChoice, language, themeChoice, theme, amountsHidden, toggleAmountsHidden, formatLocale, t, profile, adoptProfile, view, setView, basis, setBasis, viewScope],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}
