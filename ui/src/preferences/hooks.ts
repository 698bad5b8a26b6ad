// The hooks every component reads the preferences through: the whole set, the translation function, the view's
// scope, and the formatters bound to the regional settings and the privacy switch.
import { useContext, useMemo } from "react";
import type { ViewScope } from "../api/scope";
import type { Translate } from "../i18n/translate";
import { formatCompactMoney, formatDate, formatGainRatio, formatInstant, formatMoney, formatNaiveTime, formatPercent, formatQuantity, formatShortDate, HIDDEN_AMOUNT } from "../lib/format";
import { PreferencesContext, type Preferences } from "./context";

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error("usePreferences() needs a <PreferencesProvider> above it");
  return preferences;
}

/** `t()` in the UI's language. */
export function useT(): Translate {
  return usePreferences().t;
}

/** Whose figures the screens show, as the core's inputs and the query keys take it. */
export function useViewScope(): ViewScope {
  return usePreferences().viewScope;
}

export interface Formatters {
  /** An amount in its currency, or the hidden mark while privacy is on. */
  money: (amount: string | null, currency: string) => string;
  /** A short amount for a chart axis (only drawn while amounts are shown). */
  compactMoney: (amount: number, currency: string) => string;
  date: (day: string) => string;
  shortDate: (day: string, monthly: boolean) => string;
  instant: (instant: string) => string;
  /** A provider's naive time (Powens' `YYYY-MM-DD HH:MM:SS`), as written. */
  naiveTime: (naive: string) => string;
  /** A count with the regional digit grouping, e.g. "1,000,000". */
  number: (count: number | bigint) => string;
  /** A part between 0 and 1 (an exact decimal string) as a percentage, e.g. "55 %". */
  percent: (fraction: string) => string;
  /** A percentage that tells about amounts (a part of the assets), hidden with them. */
  privatePercent: (fraction: string) => string;
  /** A gain in its currency, signed, or the hidden mark. */
  gain: (amount: string | null, currency: string) => string;
  /** A gain as a ratio of its cost, signed, or the hidden mark. */
  gainRatio: (ratio: string | null) => string;
  /** Units held, or the hidden mark (a quantity and a price tell an amount). */
  quantity: (quantity: string | null) => string;
}

export function useFormat(): Formatters {
  const { formatLocale: locale, amountsHidden } = usePreferences();
  return useMemo(
    () => ({
      money: (amount, currency) => formatMoney(amount, currency, locale, amountsHidden),
      compactMoney: (amount, currency) => formatCompactMoney(amount, currency, locale),
      date: (day) => formatDate(day, locale),
      shortDate: (day, monthly) => formatShortDate(day, monthly, locale),
      instant: (instant) => formatInstant(instant, locale),
      naiveTime: (naive) => formatNaiveTime(naive, locale),
      number: (count) => Number(count).toLocaleString(locale),
      percent: (fraction) => formatPercent(fraction, locale),
      privatePercent: (fraction) => (amountsHidden ? HIDDEN_AMOUNT : formatPercent(fraction, locale)),
      gain: (amount, currency) => formatMoney(amount, currency, locale, amountsHidden, true),
      gainRatio: (ratio) => (ratio === null ? "—" : amountsHidden ? HIDDEN_AMOUNT : formatGainRatio(ratio, locale)),
      quantity: (quantity) => (quantity === null ? "—" : amountsHidden ? HIDDEN_AMOUNT : formatQuantity(quantity, locale)),
    }),
    [locale, amountsHidden],
  );
}
