// The view's active accounts with their current owners as badges ("To assign" on those nobody recorded: held by the
// primary owner meanwhile) and the view's share of each balance (the whole balance for the household).
import type { HouseholdView } from "../../bindings/HouseholdView";
import type { Owner } from "../../bindings/Owner";
import { useT } from "../../preferences/hooks";
import { OwnerBadges } from "./OwnerBadges";
import { ShareAmount } from "./ShareAmount";

export function AccountOwners({ household, toAssign, owners }: { household: HouseholdView | undefined; toAssign: number; owners: Map<string, Owner> }) {
  const t = useT();
  const inView = household?.view != null;
  return (
    <article className="card" id="account-owners">
      <h2>
        {t("Accounts and their owners")}
        {toAssign > 0 && <span className="badge to-assign">{t("{count} accounts to assign", { count: toAssign })}</span>}
      </h2>
      {household && household.accounts.length === 0 && <p className="muted">{t("No accounts yet")}</p>}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t("Account")}</th>
            <th scope="col">{t("Owners")}</th>
            <th scope="col" className="amount">{inView ? t("Share") : t("Balance")}</th>
          </tr>
        </thead>
        <tbody>
          {(household?.accounts ?? []).map((account) => (
            <tr key={account.accountId} data-account-id={account.accountId}>
              <td>{account.name} <span className="muted small">{account.institution}</span></td>
              <td><OwnerBadges share={account} owners={owners} /></td>
              <ShareAmount balance={account.balance} currency={account.currency} share={account} inView={inView} />
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
