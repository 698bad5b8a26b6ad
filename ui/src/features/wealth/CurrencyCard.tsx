// Exposure by currency: what moves with each currency (a foreign security's own, otherwise its account's), in the
// base currency as the core converted it; a loan counts against its currency. Currencies without a rate are named.
import type { Wealth } from "../../bindings/Wealth";
import { useFormat, useT } from "../../preferences/hooks";

export function CurrencyCard({ sheet }: { sheet: Wealth }) {
  const t = useT();
  const format = useFormat();
  const currency = sheet.baseCurrency;
  return (
    <article className="card" id="wealth-currencies">
      <h2>{t("Exposure by currency")}</h2>
      <table className="grid named-rows">
        <thead>
          <tr>
            <th scope="col">{t("Currency")}</th>
            <th scope="col" className="amount">{t("Amount ({currency})", { currency })}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.byCurrency.map((line) => (
            <tr key={line.currency} data-exposure={line.currency}>
              <th scope="row">{line.currency}</th>
              <td className={`amount mono ${line.amount.startsWith("-") ? "negative" : ""}`}>{format.money(line.amount, currency)}</td>
            </tr>
          ))}
          {sheet.unconverted.map((code) => (
            <tr key={code} data-exposure={code} className="unconverted">
              <th scope="row">{code}</th>
              <td className="amount muted">{t("no exchange rate")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t("A foreign security moves with its own currency; a loan counts against its currency.")}</p>
    </article>
  );
}
