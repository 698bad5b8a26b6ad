// Locale-aware formatting of what the core returns. Formatting only: no sums, no conversions. Pure functions: the
// locale (the system's regional settings) and whether amounts are hidden are arguments; components get them bound
// through `useFormat()` (preferences/hooks.ts).
import { msg, type Translate } from "../i18n/translate";

/** How every amount reads while privacy is on. */
export const HIDDEN_AMOUNT = "•••••";

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

/** Formats a decimal string (as sent by the core) in its currency, e.g. "5 295,35 €" in fr-FR; `signed` writes a
 * gain's sign ("+€870.00"). */
export function formatMoney(amount: string | null, currency: string, locale = userLocale(), hidden = false, signed = false): string {
  if (amount === null) return "—";
  if (hidden) return `${HIDDEN_AMOUNT} ${currency}`;
  const key = `${locale}|${currency}|${signed}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, signDisplay: signed ? "exceptZero" : "auto" });
    moneyFormats.set(key, format);
  }
  // Intl accepts decimal strings exactly; the cast keeps older lib typings happy.
  return format.format(amount as unknown as number);
}

/** A part between 0 and 1 as a percentage with at most two decimals ("55 %" in fr-FR, "33.33%" in en-US). */
export function formatPercent(fraction: string, locale = userLocale()): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(Number(fraction));
}

/** A gain as a ratio of its cost, signed ("+19.15%", "-12.76 %"). */
export function formatGainRatio(ratio: string, locale = userLocale()): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(Number(ratio));
}

/** A quantity of units exactly as the bank gave it, with the regional separators ("0.5523", "1 250"). */
export function formatQuantity(quantity: string, locale = userLocale()): string {
  // Intl accepts decimal strings exactly, as for money.
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 8 }).format(quantity as unknown as number);
}

/** A short amount for a chart's axis, e.g. "-90 k €" in fr-FR or "-€90K" in en-US. */
export function formatCompactMoney(amount: number, currency: string, locale = userLocale()): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(amount);
}

/** The UTC date of a `YYYY-MM-DD` day or an RFC 3339 instant (its calendar day as written). */
export function dayOf(dayOrInstant: string): Date {
  const [year, month, date] = dayOrInstant.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

/** Formats a `YYYY-MM-DD` date for the locale, without shifting it through a time zone. */
export function formatDate(day: string, locale = userLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(dayOf(day));
}

/** A short date for a chart's axis: day and month, or month and year when `monthly`. */
export function formatShortDate(day: string, monthly: boolean, locale = userLocale()): string {
  const options: Intl.DateTimeFormatOptions = monthly ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(dayOf(day));
}

/** Formats an RFC 3339 instant as a short local date and time. */
export function formatInstant(instant: string, locale = userLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));
}

/** Formats a provider's naive time (`YYYY-MM-DD HH:MM:SS`, Powens' own, with no zone) as a short date and time, as
 * written: with no zone to convert from, it is not shifted. */
export function formatNaiveTime(naive: string, locale = userLocale()): string {
  const [day, time = "00:00:00"] = naive.trim().split(/[ T]/);
  const [hours, minutes] = time.split(":").map(Number);
  const when = new Date(dayOf(day).getTime() + ((hours || 0) * 60 + (minutes || 0)) * 60_000);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(when);
}

const accountTypeLabels = {
  checking: msg("Checking"),
  savings: msg("Savings"),
  deposit: msg("Term deposit"),
  livret_a: msg("Livret A"),
  ldds: msg("LDDS"),
  livret_b: msg("Livret B"),
  cel: msg("CEL"),
  pel: msg("PEL"),
  pea: msg("PEA"),
  market: msg("Securities"),
  lifeinsurance: msg("Life insurance"),
  capitalisation: msg("Capitalisation"),
  per: msg("Retirement (PER)"),
  loan: msg("Loan"),
  card: msg("Card"),
} as const;

/** A readable label for a provider account type code; unknown codes are shown as they are. */
export function accountTypeLabel(code: string, t: Translate): string {
  const label = (accountTypeLabels as Record<string, (typeof accountTypeLabels)[keyof typeof accountTypeLabels] | undefined>)[code];
  return label ? t(label) : code;
}
