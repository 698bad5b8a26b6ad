// Every active account with its current owners and their shares, and a "to assign" badge on those nobody recorded
// (held by the primary owner meanwhile).
import type { AccountShare } from "../../bindings/AccountShare";
import type { HouseholdView } from "../../bindings/HouseholdView";
import type { Owner } from "../../bindings/Owner";
import { useFormat, useT } from "../../preferences/hooks";
import { percentLabel, RIGHTS } from "./labels";
import { OwnerName } from "./OwnerName";

function Shares({ account, owners }: { account: AccountShare; owners: Map<string, Owner> }) {
  const t = useT();
  return (
    <ul className="shares">
      {account.shares.map((share) => (
        <li key={`${share.owner}-${share.right}`}>
          <OwnerName owner={owners.get(share.owner)} /> <span className="mono">{percentLabel(share.percent, t)}</span>
          {share.right !== "full" && <span className="muted small"> {t(RIGHTS[share.right])}</span>}
        </li>
      ))}
    </ul>
  );
}

export function AccountOwners({ household, owners }: { household: HouseholdView | undefined; owners: Map<string, Owner> }) {
  const t = useT();
  const format = useFormat();
  return (
    <article className="card" id="account-owners">
      <h2>
        {t("Accounts and their owners")}
        {household && household.toAssign > 0 && <span className="badge to-assign">{t("{count} accounts to assign", { count: household.toAssign })}</span>}
      </h2>
      {household && household.accounts.length === 0 && <p className="muted">{t("No accounts yet")}</p>}
      <table className="grid">
        <thead>
          <tr><th scope="col">{t("Account")}</th><th scope="col">{t("Owners")}</th><th scope="col" className="amount">{t("Balance")}</th></tr>
        </thead>
        <tbody>
          {(household?.accounts ?? []).map((account) => (
            <tr key={account.accountId} data-account-id={account.accountId}>
              <td>
                {account.name} <span className="muted small">{account.institution}</span>
                {!account.assigned && <span className="badge to-assign">{t("to assign")}</span>}
              </td>
              <td><Shares account={account} owners={owners} /></td>
              <td className={`amount mono ${account.balance?.startsWith("-") ? "negative" : ""}`}>{format.money(account.balance, account.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
