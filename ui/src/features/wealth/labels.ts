// The balance sheet's words: each asset class by name, what its class was decided from in plain words (the core's
// evidence), and the figures Powens computes rather than reads from the bank, by their Powens field names.
import type { AssetClass } from "../../bindings/AssetClass";
import type { ClassEvidence } from "../../bindings/ClassEvidence";
import { msg, type MessageKey, type Translate } from "../../i18n/translate";

export const CLASSES: Record<AssetClass, MessageKey> = {
  cash: msg("Cash"),
  equities: msg("Equities"),
  bonds: msg("Bonds"),
  funds: msg("Funds and ETFs"),
  euro_funds: msg("Euro funds"),
  real_estate: msg("Real estate"),
  private_equity: msg("Private equity"),
  other: msg("Other"),
  liabilities: msg("Liabilities"),
};

const EVIDENCE: Record<Exclude<ClassEvidence, "balance_remainder">, MessageKey> = {
  bank_category: msg("The bank files it under this category."),
  label: msg("Its name says so (a euro fund, a fund or ETF, an SCPI…)."),
  security_code: msg("A security code with a quantity, and no fund in its name: a listed share."),
  account_type: msg("The account counted whole, from its type: its positions are not known."),
};

/** Why a line is in its class, in plain words. The balance beside the positions is cash when it is left over, and a
 * gap when the positions are valued above the bank's balance. */
export function evidenceText(assetClass: AssetClass, evidence: ClassEvidence, t: Translate): string {
  if (evidence !== "balance_remainder") return t(EVIDENCE[evidence]);
  return assetClass === "cash"
    ? t("The account's balance beside its positions: the cash left in it.")
    : t("The positions are valued above the bank's balance: their prices moved since the bank's figure.");
}

const FIGURES: Record<string, MessageKey> = {
  valuation: msg("value"),
  diff: msg("gain"),
  diff_percent: msg("gain %"),
  prct: msg("share of the portfolio"),
  portfolio_share: msg("share of the portfolio"),
  unitprice: msg("unit buy price"),
  unitvalue: msg("unit value"),
  quantity: msg("quantity"),
  vdate: msg("value date"),
};

/** The figures Powens computed, in words (a field name it does not document is shown as it is). */
export function computedFigures(fields: readonly string[], t: Translate): string {
  return [...new Set(fields.map((field) => (FIGURES[field] ? t(FIGURES[field]) : field)))].join(", ");
}
