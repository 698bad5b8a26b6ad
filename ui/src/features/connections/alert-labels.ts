// The alerts' words the UI adds to the core's own: each kind of alert by name, in the alert centre and its history
// (the core's message says the rest, in its words).
import type { AlertKind } from "../../bindings/AlertKind";
import { msg, type MessageKey, type Translate } from "../../i18n/translate";

/** Every kind the core raises, by name; a kind added in Rust fails `tsc` here until it has one. */
const KINDS: Record<AlertKind, MessageKey> = {
  "consent.ending": msg("Consent ending"),
  "connection.needs_user": msg("Connection needs you"),
  "connection.troubled": msg("Bank in trouble"),
  "data.stale": msg("Stale data"),
  "money.large_movement": msg("Large movement"),
  "money.low_balance": msg("Low balance"),
  "money.balance_mismatch": msg("Balance does not match its transactions"),
};

/** The name of an alert's kind, in the UI's language. */
export function alertKindLabel(kind: AlertKind, t: Translate): string {
  return t(KINDS[kind]);
}
