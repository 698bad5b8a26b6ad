// Human names of the workflows the core runs, and of the codes it reports with them (statuses, cadences, reasons).
import { msg, type MessageKey, type Translate } from "../i18n/translate";

const names: Record<string, MessageKey> = {
  "pfo.workflow.sync-openbanking-accounts": msg("Accounts"),
  "pfo.workflow.sync-openbanking-transactions": msg("Transactions"),
  "pfo.workflow.refresh-openbanking-balances": msg("Balances"),
  "pfo.workflow.sync-openbanking-investments": msg("Investments"),
  "pfo.workflow.sync-openbanking-loans": msg("Loans"),
  "pfo.workflow.generate-openbanking-overview": msg("Financial overview"),
};

export function workflowName(workflow: string, t: Translate): string {
  const name = names[workflow];
  return name ? t(name) : workflow;
}

const codes: Record<string, MessageKey> = {
  // Run statuses
  running: msg("running"),
  succeeded: msg("succeeded"),
  failed: msg("failed"),
  blocked: msg("blocked"),
  // Account and transaction statuses
  active: msg("active"),
  disabled: msg("disabled"),
  deleted: msg("deleted"),
  pending: msg("pending"),
  booked: msg("booked"),
  // Cadences of recurring charges
  weekly: msg("weekly"),
  monthly: msg("monthly"),
  quarterly: msg("quarterly"),
  yearly: msg("yearly"),
  // Why an account is left out of an overview
  "no-balance": msg("no balance"),
  "no-rate": msg("no exchange rate"),
};

/** A status, cadence or reason code of the core in words; an unknown code is shown as it is. */
export function codeLabel(code: string, t: Translate): string {
  const label = codes[code];
  return label ? t(label) : code;
}
