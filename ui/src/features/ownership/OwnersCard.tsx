// The household's owners: each with their role, colour, the primary badge and their net worth in the selected
// view's basis (from the household view's byOwner, exact, rounded only by the money format), Edit and Remove (the
// core refuses to remove an owner that appears in the history: its words are shown), and the form adding one.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { asIpcError, removeOwner } from "../../api/commands";
import type { HouseholdView } from "../../bindings/HouseholdView";
import type { Owner } from "../../bindings/Owner";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { AddOwnerForm } from "./AddOwnerForm";
import { useOwnershipChanged } from "./data";
import { EditOwnerForm } from "./EditOwnerForm";
import { ROLES } from "./labels";
import { OwnerName } from "./OwnerName";

export function OwnersCard({ owners, household }: { owners: Owner[]; household: HouseholdView | undefined }) {
  const { t, view, setView } = usePreferences();
  const format = useFormat();
  const changed = useOwnershipChanged();
  const [editing, setEditing] = useState<string | null>(null);
  const removing = useMutation({
    mutationFn: (id: string) => removeOwner({ id }),
    onSuccess: (_, id) => {
      // The view of a removed owner falls back to the household's before any screen asks for it again.
      if (view === id) setView(null);
      changed();
    },
  });
  const worth = new Map((household?.byOwner ?? []).map((w) => [w.owner, w]));
  const edited = owners.find((o) => o.id === editing);
  return (
    <article className="card" id="owners">
      <h2>{t("Owners")}</h2>
      {removing.error && <ErrorBanner error={asIpcError(removing.error)} action={t("Nothing was removed.")} />}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t("Owner")}</th>
            <th scope="col">{t("Role")}</th>
            <th scope="col" className="amount">{t("Net worth")}</th>
            <th scope="col" className="row-actions"><span className="visually-hidden">{t("Actions")}</span></th>
          </tr>
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
                <td className="row-actions">
                  <button className="link" aria-label={t("Edit {owner}", { owner: owner.name })} onClick={() => setEditing(owner.id)}>{t("Edit")}</button>
                  <button className="link" aria-label={t("Remove {owner}", { owner: owner.name })} onClick={() => removing.mutate(owner.id)} disabled={removing.isPending}>{t("Remove")}</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {edited && <EditOwnerForm key={edited.id} owner={edited} onDone={() => setEditing(null)} />}
      <AddOwnerForm />
    </article>
  );
}
