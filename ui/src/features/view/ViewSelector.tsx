// The view selector of the title bar: the household, or one of its owners (people, then entities, by name), and
// for an owner which right counts besides full ownership. The choice is a preference: every screen follows it.
import { useId } from "react";
import type { Owner } from "../../bindings/Owner";
import { usePreferences } from "../../preferences/hooks";
import { BASES, RIGHTS } from "../ownership/labels";

export function ViewSelector({ owners }: { owners: Owner[] }) {
  const { t, view, setView, basis, setBasis } = usePreferences();
  const selectId = useId();
  const groups = [
    { label: t("People"), members: owners.filter((o) => o.kind === "person") },
    { label: t("Entities"), members: owners.filter((o) => o.kind === "entity") },
  ].filter((group) => group.members.length > 0);
  return (
    <div className="view-selector" id="view-selector">
      <label className="view-label" htmlFor={selectId}>{t("View")}</label>
      <select id={selectId} className="ghost" title={t("Whose figures every screen shows")} value={view ?? ""} onChange={(e) => setView(e.target.value || null)}>
        <option value="">{t("Household")}</option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.members.map((owner) => <option key={owner.id} value={owner.id}>{owner.name}</option>)}
          </optgroup>
        ))}
      </select>
      {view !== null && (
        <div className="segmented" role="group" aria-label={t("Rights counted")} title={t("Full ownership always counts; choose which split right counts too.")}>
          {BASES.map((code) => (
            <button key={code} type="button" className="ghost" aria-pressed={basis === code} onClick={() => setBasis(code)}>{t(RIGHTS[code])}</button>
          ))}
        </div>
      )}
    </div>
  );
}
