// Adding an owner: a name and a role; the core picks the currency and colour, and refuses what it cannot record.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { addOwner, asIpcError } from "../../api/commands";
import type { OwnerRole } from "../../bindings/OwnerRole";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { useOwnershipChanged } from "./data";
import { ROLES } from "./labels";

export function AddOwnerForm() {
  const t = useT();
  const changed = useOwnershipChanged();
  const [name, setName] = useState("");
  const [role, setRole] = useState<OwnerRole>("child");
  const adding = useMutation({
    mutationFn: () => addOwner({ name: name.trim(), role, baseCurrency: null, colour: null }),
    onSuccess: () => {
      setName("");
      changed();
    },
  });
  return (
    <>
      {adding.error && <ErrorBanner error={asIpcError(adding.error)} action={t("Correct the owner and add again.")} />}
      <form className="filters wrap" id="add-owner" onSubmit={(e) => { e.preventDefault(); adding.mutate(); }}>
        <input aria-label={t("Owner name")} placeholder={t("Name")} value={name} onChange={(e) => setName(e.target.value)} />
        <select aria-label={t("Role")} value={role} onChange={(e) => setRole(e.target.value as OwnerRole)}>
          {(Object.keys(ROLES) as OwnerRole[]).map((code) => <option key={code} value={code}>{t(ROLES[code])}</option>)}
        </select>
        <button className="secondary inline" type="submit" disabled={adding.isPending || !name.trim()}>{t("Add owner")}</button>
      </form>
    </>
  );
}
