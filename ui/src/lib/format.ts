// Locale-aware formatting of what the core returns. Formatting only: no sums, no conversions.
import { amountsAreHidden, HIDDEN_AMOUNT } from "./preferences";

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * The user's locale if the runtime accepts it, else the runtime's default. A POSIX locale such as "C" (no LANG set)
 * reaches WebKitGTK's navigator.language verbatim and makes Intl throw.
 */
export function userLocale(candidate: string | undefined = navigator.language): string {
  try {
    return Intl.getCanonicalLocales(candidate ?? [])[0] ?? new Intl.NumberFormat().resolvedOptions().locale;
  } catch {
    return new Intl.NumberFormat().resolvedOptions().locale;
  }
}

/** Formats a decimal string (as sent by the core) in its currency, e.g. "5 295,35 €" in fr-FR. */
export function formatMoney(amount: string | null, currency: string, locale = userLocale()): string {
  if (amount === null) return "—";
  if (amountsAreHidden()) return `${HIDDEN_AMOUNT} ${currency}`;
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  // Intl accepts decimal strings exactly; the cast keeps older lib typings happy.
  return format.format(amount as unknown as number);
}

/** Formats a `YYYY-MM-DD` date for the locale, without shifting it through a time zone. */
export function formatDate(day: string, locale = userLocale()): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, date)));
}

/** Formats an RFC 3339 instant as a short local date and time. */
export function formatInstant(instant: string, locale = userLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));
}

const accountTypeLabels: Record<string, string> = {
  checking: "Checking",
  savings: "Savings",
  deposit: "Term deposit",
  livret_a: "Livret A",
  ldds: "LDDS",
  livret_b: "Livret B",
  cel: "CEL",
  pel: "PEL",
  pea: "PEA",
  market: "Securities",
  lifeinsurance: "Life insurance",
  capitalisation: "Capitalisation",
  per: "Retirement (PER)",
  loan: "Loan",
  card: "Card",
};

/** A readable label for a provider account type code; unknown codes are shown as they are. */
export function accountTypeLabel(code: string): string {
  return accountTypeLabels[code] ?? code;
}
