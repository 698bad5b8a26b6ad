// The preferences context: what the provider hands down, and what the hooks read.
import { createContext } from "react";
import type { ViewScope } from "../api/scope";
import type { Basis } from "../bindings/Basis";
import type { OwnerId } from "../bindings/OwnerId";
import type { Language, LanguageChoice, Translate } from "../i18n/translate";
import type { ReportLocale } from "../bindings/ReportLocale";
import type { Theme } from "./document";
import type { ThemeChoice } from "./storage";

export interface Preferences {
  /** What the person chose ("system" follows the system's language). */
  languageChoice: LanguageChoice;
  /** The language in use: of the UI, and of the reports, charts and connect pages the core writes for it. */
  language: Language;
  /** The same language, as the core's commands take it. */
  reportLocale: ReportLocale;
  setLanguage: (choice: LanguageChoice) => void;
  themeChoice: ThemeChoice;
  /** The theme in effect: the choice, or the system's now (followed live). */
  theme: Theme;
  setTheme: (choice: ThemeChoice) => void;
  /** The privacy switch in effect: every amount (and every chart) hidden, by choice or while the app is locked. */
  amountsHidden: boolean;
  /** Sets (or toggles) the person's own choice, the one kept between runs. */
  setAmountsHidden: (hidden: boolean) => void;
  toggleAmountsHidden: () => void;
  /** The app lock holds the privacy switch on while locked, over the person's choice, which it leaves as it was. */
  setPrivacyForced: (forced: boolean) => void;
  /** The regional settings money and dates are written in (the system's, whatever the language). */
  formatLocale: string;
  /** Translates into `language`. */
  t: Translate;
  /** The profile whose view is shown and kept (null until the app adopts the one the core reports open). */
  viewProfile: string | null;
  /** Switches to the view remembered for `profile` (its household's view the first time). */
  adoptProfile: (profile: string) => void;
  /** Whose figures every screen shows: an owner's id, or null for the whole household. */
  view: OwnerId | null;
  setView: (view: OwnerId | null) => void;
  /** The right an owner's view counts besides full ownership (kept while the household is shown). */
  basis: Basis;
  setBasis: (basis: Basis) => void;
  /** The view as the core's inputs and the query keys take it. */
  viewScope: ViewScope;
}

export const PreferencesContext = createContext<Preferences | null>(null);
