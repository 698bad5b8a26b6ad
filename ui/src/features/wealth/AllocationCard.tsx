// Allocation by asset class: the column drawn by the window beside the table of the core's exact amounts, each with
// its part of the gross assets; then the gross assets, what is owed, and the net worth they add up to.
import type { Wealth } from "../../bindings/Wealth";
import type { ClassTotal } from "../../bindings/ClassTotal";
import { useFormat, useT } from "../../preferences/hooks";
import { AllocationChart } from "./AllocationChart";
import { ratioOf } from "./figures";
import { CLASSES } from "./labels";

export function AllocationCard({ sheet }: { sheet: Wealth }) {
  const t = useT();
  const format = useFormat();
  const currency = sheet.baseCurrency;
  const owned = sheet.byClass.filter((line) => line.class !== "liabilities");
  const owed = sheet.byClass.filter((line) => line.class === "liabilities");
  const share = (amount: string) => {
    const ratio = ratioOf(amount, sheet.assets);
    return ratio === null ? "—" : format.privatePercent(ratio);
  };
  const row = (line: ClassTotal) => (
    <tr key={line.class} data-class={line.class}>
      <th scope="row">
        <span className={`swatch class-${line.class}`} aria-hidden="true" />
        {t(CLASSES[line.class])}
      </th>
      <td className={`amount mono ${line.amount.startsWith("-") ? "negative" : ""}`}>{format.money(line.amount, currency)}</td>
      <td className="amount mono">{share(line.amount)}</td>
    </tr>
  );
  return (
    <article className="card" id="wealth-allocation">
      <h2>{t("Allocation by class")}</h2>
      <div className="allocation">
        <AllocationChart lines={sheet.byClass} assets={sheet.assets} currency={currency} title={t("Allocation of the gross assets by class")} />
        <table className="grid named-rows allocation-table">
          <thead>
            <tr>
              <th scope="col">{t("Class")}</th>
              <th scope="col" className="amount">{t("Amount ({currency})", { currency })}</th>
              <th scope="col" className="amount">{t("% of gross assets")}</th>
            </tr>
          </thead>
          <tbody>{owned.map(row)}</tbody>
          <tbody className="subtotals">
            <tr data-total="assets">
              <th scope="row">{t("Gross assets")}</th>
              <td className="amount mono">{format.money(sheet.assets, currency)}</td>
              <td className="amount mono">{share(sheet.assets)}</td>
            </tr>
            {owed.map(row)}
            <tr data-total="net-worth" className="net-worth-row">
              <th scope="row">{t("Net worth")}</th>
              <td className={`amount mono ${sheet.netWorth?.startsWith("-") ? "negative" : ""}`}>{format.money(sheet.netWorth, currency)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </article>
  );
}
