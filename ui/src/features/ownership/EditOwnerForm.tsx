// Editing an owner: name, role, reporting currency, colour, and making it the primary owner. Only what changed is
// sent (the core reads a missing field as "unchanged"); its refusal (a person made an entity while it holds
// shares, a currency it does not know) is shown in its own words.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { asIpcError, editOwner } from "../../api/commands";
import type { Owner } from "../../bindings/Owner";
import type { OwnerRole } from "../../bindings/OwnerRole";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { useOwnershipChanged } from "./data";
import { ROLES } from "./labels";

/** A field's new value, or null when it did not change. */
const changedOr = <T,>(next: T, current: T): T | null => (next === current ? null : next);

export function EditOwnerForm({ owner, onDone }: { owner: Owner; onDone: () => void }) {
  const t = useT();
  const changed = useOwnershipChanged();
  const [name, setName] = useState(owner.name);
  const [role, setRole] = useState<OwnerRole>(owner.role);
  const [currency, setCurrency] = useState(owner.baseCurrency);
  const [colour, setColour] = useState(owner.colour);
  const [primary, setPrimary] = useState(false);
  const saving = useMutation({
    mutationFn: () =>
      editOwner({
        id: owner.id,
        name: changedOr(name.trim(), owner.name),
        role: changedOr(role, owner.role),
        baseCurrency: changedOr(currency.trim().toUpperCase(), owner.baseCurrency),
        colour: changedOr(colour, owner.colour),
        primary,
      }),
    onSuccess: () => {
      changed();
      onDone();
    },
  });
  return (
    <form className="edit-owner" id="edit-owner" data-editing={owner.id} aria-label={t("Edit {owner}", { owner: owner.name })} onSubmit={(e) => { e.preventDefault(); saving.mutate(); }}>
      <h3>{t("Edit {owner}", { owner: owner.name })}</h3>
      {saving.error && <ErrorBanner error={asIpcError(saving.error)} action={t("Correct the owner and save again.")} />}
      <div className="filters wrap">
        <label className="inline-label">{t("Name")} <input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="inline-label">
          {t("Role")}
          <select value={role} onChange={(e) => setRole(e.target.value as OwnerRole)}>
            {(Object.keys(ROLES) as OwnerRole[]).map((code) => <option key={code} value={code}>{t(ROLES[code])}</option>)}
          </select>
        </label>
        <label className="inline-label">{t("Reporting currency")} <input className="currency" maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value)} /></label>
        <label className="inline-label">{t("Colour")} <input type="color" className="colour" value={colour} onChange={(e) => setColour(e.target.value)} /></label>
        {!owner.primary && (
          <label className="toggle">
            <input type="checkbox" checked={primary} onChange={(e) => setPrimary(e.target.checked)} />
            {t("Make primary owner")}
          </label>
        )}
      </div>
      <div className="actions">
        <button className="secondary inline" type="submit" disabled={saving.isPending || !name.trim()}>{t("Save")}</button>
        <button className="link" type="button" onClick={onDone}>{t("Cancel")}</button>
      </div>
    </form>
  );
}
