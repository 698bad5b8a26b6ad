// The household's owners: each with their role, colour, the primary badge and their net worth (from the household
// view's byOwner, exact, rounded only by the money format), and the form adding one.
import type { HouseholdView } from "../../bindings/HouseholdView";
import type { Owner } from "../../bindings/Owner";
import { useFormat, useT } from "../../preferences/hooks";
import { AddOwnerForm } from "./AddOwnerForm";
import { ROLES } from "./labels";
import { OwnerName } from "./OwnerName";

export function OwnersCard({ owners, household }: { owners: Owner[]; household: HouseholdView | undefined }) {
  const t = useT();
  const format = useFormat();
  const worth = new Map((household?.byOwner ?? []).map((w) => [w.owner, w]));
  return (
    <article className="card" id="owners">
      <h2>{t("Owners")}</h2>
      <table className="grid">
        <thead>
          <tr><th scope="col">{t("Owner")}</th><th scope="col">{t("Role")}</th><th scope="col" className="amount">{t("Net worth")}</th></tr>
        </thead>
        <tbody>
          {owners.map((owner) => {
            const own = worth.get(owner.id);
            return (
              <tr key={owner.id} className="owner-row" data-owner-id={owner.id}>
                <td>
                  <OwnerName owner={owner} />
                  {owner.primary && <span className="badge primary">{t("primary")}</span>}
                </td>
                <td>{t(ROLES[owner.role])}</td>
                <td className={`amount mono net-worth ${own?.netWorth?.startsWith("-") ? "negative" : ""}`}>
                  {household ? format.money(own?.netWorth ?? null, household.baseCurrency) : "…"}
                  {own && own.unconverted.length > 0 && (
                    <span className="muted small unconverted"> {t("(without {currencies}: no exchange rate)", { currencies: own.unconverted.join(", ") })}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddOwnerForm />
    </article>
  );
}
