// The balance sheet by account: each account worth its balance (the view's part), what it is made of — its positions,
// and the line beside them (the cash left, or the gap when the positions are valued above the bank's balance), or the
// account counted whole from its type — each with what its class was decided from, and its value in the base currency.
import type { Wealth } from "../../bindings/Wealth";
import type { CompositionLine } from "../../bindings/CompositionLine";
import type { WealthAccount } from "../../bindings/WealthAccount";
import { Tip } from "../../components/Tip";
import { useFormat, useT } from "../../preferences/hooks";
import { CLASSES, evidenceText } from "./labels";

function MadeOf({ account }: { account: WealthAccount }) {
  const t = useT();
  const format = useFormat();
  if (account.value === null) return <span className="muted">{t("no balance from the bank")}</span>;
  const positions = account.composition.filter((line) => line.positionId !== null).length;
  const others = account.composition.filter((line) => line.positionId === null);
  const tip = (line: CompositionLine) => (
    <Tip key={`${line.class}-${line.evidence}`} tip={evidenceText(line.class, line.evidence, t)}>
      <span className={`swatch class-${line.class}`} aria-hidden="true" />
      {positions > 0 ? t("{class} {amount}", { class: t(CLASSES[line.class]), amount: format.money(line.amount, account.currency) }) : t(CLASSES[line.class])}
    </Tip>
  );
  return (
    <span className="made-of">
      {positions > 0 && <span>{t("{count} positions", { count: positions })}</span>}
      {others.map(tip)}
    </span>
  );
}

export function AccountsCard({ sheet, accountName }: { sheet: Wealth; accountName: (id: string) => string }) {
  const t = useT();
  const format = useFormat();
  return (
    <article className="card" id="wealth-accounts">
      <h2>{t("By account")}</h2>
      <p className="muted small">{t("Each account is worth its balance: its positions and what is beside them add up to it.")}</p>
      <table className="grid named-rows">
        <thead>
          <tr>
            <th scope="col">{t("Account")}</th>
            <th scope="col">{t("Made of")}</th>
            <th scope="col" className="amount">{t("Value")}</th>
            <th scope="col" className="amount">{t("Value ({currency})", { currency: sheet.baseCurrency })}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.accounts.map((account) => (
            <tr key={account.accountId} data-wealth-account={account.accountId}>
              <th scope="row">{accountName(account.accountId)}</th>
              <td><MadeOf account={account} /></td>
              <td className={`amount mono ${account.value?.startsWith("-") ? "negative" : ""}`}>{format.money(account.value, account.currency)}</td>
              <td className={`amount mono ${account.valueInBase?.startsWith("-") ? "negative" : ""}`}>
                {account.valueInBase === null && account.value !== null ? <span className="muted">{t("no exchange rate")}</span> : format.money(account.valueInBase, sheet.baseCurrency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
