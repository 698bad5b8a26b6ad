// The alert settings form's values, React-free: the core's `AlertSettings` as the form edits it (a switch per alert,
// its window or threshold as the text typed), and back. Turning a window's switch on fills in the core's default
// (30 days before a consent ends, 2 days without a bank sync); turning a switch off sends `null`. Amounts stay the
// exact decimal text typed (a comma read as the decimal point, spaces between digit groups dropped): never a JS
// number. Only the shape is checked here; the ranges are the core's to refuse, in its words.
import type { AlertSettings } from "../../bindings/AlertSettings";
import { msg, type MessageKey } from "../../i18n/translate";

/** The core's defaults for the two windows, filled in when their switch is turned on. */
export const DEFAULT_CONSENT_DAYS = 30;
export const DEFAULT_STALE_DAYS = 2;

export interface AlertDraft {
  notify: boolean;
  consentEnding: boolean;
  consentDays: string;
  connectionNeedsUser: boolean;
  stale: boolean;
  staleDays: string;
  balanceMismatch: boolean;
  largeMovement: boolean;
  largeAmount: string;
  lowBalance: boolean;
  lowAmount: string;
}

/** The switches that carry a window or a threshold. */
export type Windowed = "consentEnding" | "stale" | "largeMovement" | "lowBalance";

/** Why a draft cannot be sent, and the field to look at. */
export interface DraftProblem {
  field: "consentDays" | "staleDays" | "largeAmount" | "lowAmount";
  text: MessageKey;
}

export function draftOf(settings: AlertSettings): AlertDraft {
  return {
    notify: settings.notify,
    consentEnding: settings.consentEndingDays !== null,
    consentDays: settings.consentEndingDays === null ? "" : String(settings.consentEndingDays),
    connectionNeedsUser: settings.connectionNeedsUser,
    stale: settings.staleAfterDays !== null,
    staleDays: settings.staleAfterDays === null ? "" : String(settings.staleAfterDays),
    balanceMismatch: settings.balanceMismatch,
    largeMovement: settings.largeMovement !== null,
    largeAmount: settings.largeMovement ?? "",
    lowBalance: settings.lowBalance !== null,
    lowAmount: settings.lowBalance ?? "",
  };
}

/** The value field of each windowed switch, and what turning it on fills in. */
const VALUE_OF: Record<Windowed, { field: DraftProblem["field"]; filled: string }> = {
  consentEnding: { field: "consentDays", filled: String(DEFAULT_CONSENT_DAYS) },
  stale: { field: "staleDays", filled: String(DEFAULT_STALE_DAYS) },
  // No default threshold: what is large or low depends on the family.
  largeMovement: { field: "largeAmount", filled: "" },
  lowBalance: { field: "lowAmount", filled: "" },
};

/** The draft with a windowed switch turned on (its default filled in) or off (its value cleared). */
export function switched(draft: AlertDraft, which: Windowed, on: boolean): AlertDraft {
  const { field, filled } = VALUE_OF[which];
  return { ...draft, [which]: on, [field]: on ? filled : "" };
}

/** A whole number of days as typed, or null when it is not one (its range is the core's to check). */
function days(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** An amount as exact decimal text ("-200", "5000.50"), or null when it is not one. */
export function decimalText(text: string): string | null {
  const written = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(written) ? written : null;
}

/** The settings a draft stands for, or the first problem that keeps it from being sent. */
export function settingsOf(draft: AlertDraft): { settings: AlertSettings } | { problem: DraftProblem } {
  const consentDays = draft.consentEnding ? days(draft.consentDays) : null;
  if (draft.consentEnding && consentDays === null) return { problem: { field: "consentDays", text: msg("Write the days before a consent ends as a whole number, such as 30.") } };
  const staleDays = draft.stale ? days(draft.staleDays) : null;
  if (draft.stale && staleDays === null) return { problem: { field: "staleDays", text: msg("Write the days without a bank sync as a whole number, such as 2.") } };
  const largeMovement = draft.largeMovement ? decimalText(draft.largeAmount) : null;
  if (draft.largeMovement && largeMovement === null) return { problem: { field: "largeAmount", text: msg("Write the large movement threshold as an amount, such as 5000.00.") } };
  const lowBalance = draft.lowBalance ? decimalText(draft.lowAmount) : null;
  if (draft.lowBalance && lowBalance === null) return { problem: { field: "lowAmount", text: msg("Write the low balance threshold as an amount, such as 500.00, or -200 for an overdraft.") } };
  return {
    settings: {
      notify: draft.notify,
      consentEndingDays: consentDays,
      connectionNeedsUser: draft.connectionNeedsUser,
      staleAfterDays: staleDays,
      balanceMismatch: draft.balanceMismatch,
      largeMovement,
      lowBalance,
    },
  };
}
