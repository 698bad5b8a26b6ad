// The balance sheet's three figures in the base currency: the net worth, what is owned and what is owed.
import type { Wealth } from "../../bindings/Wealth";
import { compareDecimals } from "../../lib/decimal";
import { useFormat, useT } from "../../preferences/hooks";

export function WealthTotals({ sheet }: { sheet: Wealth }) {
  const t = useT();
  const format = useFormat();
  const currency = sheet.baseCurrency;
  return (
    <div className="cards" id="wealth-totals">
      <article className="card total" id="wealth-net-worth">
        <span className="muted">{t("Net worth ({currency})", { currency })}</span>
        <strong className={`big mono ${sheet.netWorth?.startsWith("-") ? "negative" : ""}`}>{format.money(sheet.netWorth, currency)}</strong>
        {sheet.netWorth === null && <span className="muted small">{t("No account converts to {currency} yet.", { currency })}</span>}
      </article>
      <article className="card total" id="wealth-assets">
        <span className="muted">{t("Assets")}</span>
        <strong className="big mono">{format.money(sheet.assets, currency)}</strong>
      </article>
      <article className="card total" id="wealth-liabilities">
        <span className="muted">{t("Liabilities")}</span>
        <strong className={`big mono ${compareDecimals(sheet.liabilities, "0") > 0 ? "negative" : ""}`}>{format.money(sheet.liabilities, currency)}</strong>
        <span className="muted small">{t("Loans and card debts, owed")}</span>
      </article>
    </div>
  );
}
