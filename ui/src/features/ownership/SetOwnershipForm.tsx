// Recording who owns an account or an entity: the holding, one row per possible owner (a percentage and a right;
// empty rows hold nothing; an entity is never offered as its own owner) and the first day in force. The rows start
// from the holding's owners today. The core checks the shares add up and that no entity ends up owning itself; its
// refusal is shown in its own words.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { asIpcError, setOwnership } from "../../api/commands";
import type { AccountShare } from "../../bindings/AccountShare";
import type { Holding } from "../../bindings/Holding";
import type { Owner } from "../../bindings/Owner";
import type { Right } from "../../bindings/Right";
import type { Share } from "../../bindings/Share";
import type { ShareSet } from "../../bindings/ShareSet";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { useOwnershipChanged } from "./data";
import { RIGHTS } from "./labels";
import { inForce, today } from "./sets";

type Rows = Record<string, { percent: string; right: Right }>;

/** A holding as the select's option value ("account:powens:1", "entity:o4") and back. */
const keyOf = (holding: Holding) => `${holding.kind}:${holding.id}`;
function holdingOf(key: string): Holding | null {
  const at = key.indexOf(":");
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  return kind === "account" ? { kind, id } : kind === "entity" ? { kind, id } : null;
}

function toRows(shares: Share[]): Rows {
  return Object.fromEntries(shares.map((share) => [share.owner, { percent: share.percent, right: share.right }]));
}

export function SetOwnershipForm({ accounts, owners, sets }: { accounts: AccountShare[]; owners: Owner[]; sets: ShareSet[] }) {
  const t = useT();
  const changed = useOwnershipChanged();
  const entities = owners.filter((o) => o.kind === "entity");
  const first = accounts[0] ? `account:${accounts[0].accountId}` : entities[0] ? `entity:${entities[0].id}` : "";
  /** The rows a holding's owners today fill (an account nobody assigned starts empty). */
  const rowsOf = (key: string): Rows => {
    const holding = holdingOf(key);
    if (holding?.kind === "account") {
      const account = accounts.find((a) => a.accountId === holding.id);
      return toRows(account?.assigned ? account.shares : []);
    }
    return holding ? toRows(inForce(sets, holding, today())?.shares ?? []) : {};
  };
  const [chosen, setChosen] = useState(first);
  const [rows, setRows] = useState<Rows>(() => rowsOf(first));
  const [from, setFrom] = useState("");
  const holding = holdingOf(chosen);
  const candidates = owners.filter((o) => !(holding?.kind === "entity" && o.id === holding.id));
  const shares: Share[] = candidates.flatMap((o) => (rows[o.id]?.percent.trim() ? [{ owner: o.id, right: rows[o.id].right, percent: rows[o.id].percent.trim() }] : []));
  const saving = useMutation({
    mutationFn: () => setOwnership({ holding, shares, from: from || null }),
    onSuccess: changed,
  });
  const choose = (key: string) => {
    setChosen(key);
    setRows(rowsOf(key));
    saving.reset();
  };
  const row = (owner: string) => rows[owner] ?? { percent: "", right: "full" as Right };
  const update = (owner: string, change: Partial<Rows[string]>) => setRows({ ...rows, [owner]: { ...row(owner), ...change } });

  return (
    <article className="card" id="set-ownership">
      <h2>{t("Set who owns an account or an entity")}</h2>
      {saving.error && <ErrorBanner error={asIpcError(saving.error)} action={t("Correct the shares and save again.")} />}
      {saving.isSuccess && <p className="muted" role="status">{t("Owners saved.")}</p>}
      <form onSubmit={(e) => { e.preventDefault(); saving.mutate(); }}>
        <div className="filters wrap">
          <select aria-label={t("What is owned")} value={chosen} onChange={(e) => choose(e.target.value)}>
            {accounts.length > 0 && (
              <optgroup label={t("Accounts")}>
                {accounts.map((a) => <option key={a.accountId} value={keyOf({ kind: "account", id: a.accountId })}>{a.name}</option>)}
              </optgroup>
            )}
            {entities.length > 0 && (
              <optgroup label={t("Entities")}>
                {entities.map((e) => <option key={e.id} value={keyOf({ kind: "entity", id: e.id })}>{e.name}</option>)}
              </optgroup>
            )}
          </select>
          <label className="inline-label">
            {t("From")}
            <input type="date" aria-label={t("In force from")} value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
        </div>
        <table className="grid share-rows">
          <tbody>
            {candidates.map((owner) => (
              <tr key={owner.id} data-share-row={owner.id}>
                <td>{owner.name}</td>
                <td>
                  <input className="narrow" inputMode="decimal" placeholder="0" aria-label={t("Percentage held by {owner}", { owner: owner.name })} value={row(owner.id).percent} onChange={(e) => update(owner.id, { percent: e.target.value })} />
                </td>
                <td>
                  <select aria-label={t("Right held by {owner}", { owner: owner.name })} value={row(owner.id).right} onChange={(e) => update(owner.id, { right: e.target.value as Right })}>
                    {(Object.keys(RIGHTS) as Right[]).map((code) => <option key={code} value={code}>{t(RIGHTS[code])}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button className="secondary inline" type="submit" disabled={saving.isPending || !holding || shares.length === 0}>{t("Save owners")}</button>
      </form>
    </article>
  );
}
