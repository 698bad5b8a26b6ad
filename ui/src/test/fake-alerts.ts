// The fake core's alert centre, as pfo_core's alerts treat it: the household's alert settings (stateful, validated
// with the core's ranges and refused in its words), `list_alerts` (the connections' alerts of fake-connections.ts and
// the money alerts, those that need someone first), and `alert_history` (a few occurrences of the demo household,
// newest first, one of them cleared). The money alerts are computed from the fake's accounts and transactions in the
// base currency only (the core does not guess without a rate); of the movements at or above the threshold, the
// fake keeps each account's latest, so the demo's dozen salaries make one alert, not twelve.
import type { Alert } from "../bindings/Alert";
import type { AlertSettings } from "../bindings/AlertSettings";
import type { BankAccountRecord } from "../bindings/BankAccountRecord";
import type { BankTransactionRecord } from "../bindings/BankTransactionRecord";
import { compareDecimals } from "../lib/decimal";
import type { FakeCommands, Output } from "./core-contract";

type AlertCommands = Pick<FakeCommands, "list_alerts" | "get_alert_settings" | "set_alert_settings" | "alert_history">;

/** The core's defaults (`AlertSettings::default`): the connections' alerts on, the money thresholds off. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  notify: true,
  consentEndingDays: 30,
  connectionNeedsUser: true,
  staleAfterDays: 2,
  balanceMismatch: true,
  largeMovement: null,
  lowBalance: null,
};

/** The longest windows the core accepts, in days. */
const MAX_CONSENT_DAYS = 30;
const MAX_STALE_DAYS = 30;

/** The demo household's alert history, newest first: four standing, one cleared the same day it was raised. */
const HISTORY: Output<"alert_history"> = [
  { id: 5, kind: "consent.ending", needsAction: true, message: "Swissquote: the bank consent ends in 20 days (2026-12-15). Renew it to keep refreshing.", raisedAt: "2026-11-25T08:00:00Z", lastSeenAt: "2026-11-25T08:00:00Z", clearedAt: null },
  { id: 4, kind: "connection.needs_user", needsAction: true, message: "BNP Paribas: Renew your consent with the bank: press Reconnect.", raisedAt: "2026-11-24T07:00:00Z", lastSeenAt: "2026-11-25T08:00:00Z", clearedAt: null },
  { id: 3, kind: "data.stale", needsAction: false, message: "BNP Paribas: the bank's data was last updated on 2026-11-20, more than 2 days ago.", raisedAt: "2026-11-22T08:00:00Z", lastSeenAt: "2026-11-25T08:00:00Z", clearedAt: null },
  { id: 2, kind: "money.large_movement", needsAction: false, message: "Compte de dépôt (BNP Paribas): a movement of 3800.00 EUR on 2026-11-20, at or above your threshold of 3000 EUR.", raisedAt: "2026-11-20T09:00:00Z", lastSeenAt: "2026-11-22T08:00:00Z", clearedAt: null },
  { id: 1, kind: "connection.troubled", needsAction: false, message: "Swissquote: The bank's website is down; Powens tries again by itself.", raisedAt: "2026-11-18T06:00:00Z", lastSeenAt: "2026-11-18T12:00:00Z", clearedAt: "2026-11-18T18:00:00Z" },
];

/** The core's refusal of a field (`Error::InvalidInput`, as the IPC carries it). */
function invalid(field: string, reason: string): { code: string; message: string } {
  return { code: "contract.invalid_input", message: `invalid value for \`${field}\`: ${reason}` };
}

/** A decimal written as the core's `Decimal::normalize` writes it: no trailing zero after the point ("5000.50" → "5000.5"). */
function normalized(amount: string): string {
  return amount.includes(".") ? amount.replace(/\.?0+$/, "") : amount;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The settings as the core keeps them, or its refusal (thrown), naming the field. */
function validated(sent: Record<string, unknown>): AlertSettings {
  const settings = sent as unknown as AlertSettings;
  const days = (field: "consentEndingDays" | "staleAfterDays", max: number) => {
    const value = settings[field];
    if (value !== null && (!Number.isInteger(value) || value < 1 || value > max)) throw invalid(field, `is ${String(value)}; choose 1 to ${max} days, or switch the alert off`);
  };
  days("consentEndingDays", MAX_CONSENT_DAYS);
  days("staleAfterDays", MAX_STALE_DAYS);
  for (const field of ["largeMovement", "lowBalance"] as const) {
    const value = settings[field];
    if (value !== null && (typeof value !== "string" || !DECIMAL.test(value))) throw invalid(field, `\`${String(value)}\` is not a decimal number such as 5000.00`);
  }
  if (settings.largeMovement !== null && compareDecimals(settings.largeMovement, "0") <= 0) throw invalid("largeMovement", `is ${settings.largeMovement}; a threshold is an amount above zero`);
  return {
    ...settings,
    largeMovement: settings.largeMovement === null ? null : normalized(settings.largeMovement),
    lowBalance: settings.lowBalance === null ? null : normalized(settings.lowBalance),
  };
}

/** What the alert centre reads: the connections' alerts under the settings, the accounts and their transactions. */
export interface AlertSources {
  connectionAlerts: (settings: AlertSettings) => Alert[];
  accounts: () => BankAccountRecord[];
  transactions: () => BankTransactionRecord[];
  baseCurrency: () => string;
}

export function fakeAlerts(sources: AlertSources) {
  let settings: AlertSettings = DEFAULT_ALERT_SETTINGS;

  /** The money alerts of the accounts in the base currency, as `pfo_core::alerts::money` words them. */
  const moneyAlerts = (): Alert[] => {
    const base = sources.baseCurrency();
    const accounts = sources.accounts().filter((a) => a.status === "active" && a.currency === base);
    const about = (kind: Alert["kind"], subject: string, account: BankAccountRecord) => ({
      key: `${kind}:${subject}`, kind, connectionId: account.connectionId, accountId: account.id, institution: account.institution,
    });
    const alerts: Alert[] = [];
    const large = settings.largeMovement;
    if (large !== null) {
      for (const account of accounts) {
        const movement = sources.transactions().find((t) => t.accountId === account.id && compareDecimals(t.amount.replace(/^-/, ""), large) >= 0);
        if (movement) {
          alerts.push({
            ...about("money.large_movement", movement.id, account), needsAction: false, action: null,
            message: `${account.name} (${account.institution}): a movement of ${movement.amount} ${account.currency} on ${movement.bookingDate}, at or above your threshold of ${large} ${base}.`,
          });
        }
      }
    }
    const low = settings.lowBalance;
    if (low !== null) {
      for (const account of accounts.filter((a) => a.accountType === "checking" && a.balance !== null && compareDecimals(a.balance, low) < 0)) {
        alerts.push({
          ...about("money.low_balance", account.id, account), needsAction: true, action: null,
          message: `${account.name} (${account.institution}): the balance is ${account.balance} ${account.currency}, below your threshold of ${low} ${base}.`,
        });
      }
    }
    return alerts;
  };

  const commands: AlertCommands = {
    list_alerts: () => {
      const alerts = [...sources.connectionAlerts(settings), ...moneyAlerts()];
      // Those that need someone first, as the core orders them.
      const ordered = [...alerts.filter((a) => a.needsAction), ...alerts.filter((a) => !a.needsAction)];
      return { alerts: ordered, needsAction: ordered.some((a) => a.needsAction) };
    },
    get_alert_settings: () => settings,
    set_alert_settings: (args) => (settings = validated((args.input ?? {}) as Record<string, unknown>)),
    alert_history: (args) => {
      const { limit } = (args.input ?? {}) as { limit?: number | null };
      // A household that has not refreshed yet has raised nothing.
      return sources.accounts().length === 0 ? [] : HISTORY.slice(0, limit ?? 100);
    },
  };

  return {
    commands,
    /** The settings in force, for tests that check what was saved. */
    settings: () => settings,
  };
}
