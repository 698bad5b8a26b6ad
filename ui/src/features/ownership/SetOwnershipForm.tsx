// Recording an account's owners: the account, one row per owner (a percentage and a right; empty rows hold
// nothing) and the first day in force. The core checks the shares add up; its refusal is shown in its own words.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { asIpcError, setOwnership } from "../../api/commands";
import type { AccountShare } from "../../bindings/AccountShare";
import type { Owner } from "../../bindings/Owner";
import type { Right } from "../../bindings/Right";
import type { Share } from "../../bindings/Share";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { useOwnershipChanged } from "./data";
import { RIGHTS } from "./labels";

type Rows = Record<string, { percent: string; right: Right }>;

/** The form's rows as an account's current shares fill them. */
function rowsOf(account: AccountShare | undefined): Rows {
  const rows: Rows = {};
  for (const share of account?.assigned ? account.shares : []) rows[share.owner] = { percent: share.percent, right: share.right };
  return rows;
}

export function SetOwnershipForm({ accounts, owners }: { accounts: AccountShare[]; owners: Owner[] }) {
  const t = useT();
  const changed = useOwnershipChanged();
  const [accountId, setAccountId] = useState("");
  const [rows, setRows] = useState<Rows>(() => rowsOf(accounts[0]));
  const [from, setFrom] = useState("");
  const chosen = accountId || accounts[0]?.accountId || "";
  const shares: Share[] = owners.flatMap((o) => (rows[o.id]?.percent.trim() ? [{ owner: o.id, right: rows[o.id].right, percent: rows[o.id].percent.trim() }] : []));
  const saving = useMutation({
    mutationFn: () => setOwnership({ holding: { kind: "account", id: chosen }, shares, from: from || null }),
    onSuccess: changed,
  });
  const choose = (id: string) => {
    setAccountId(id);
    setRows(rowsOf(accounts.find((a) => a.accountId === id)));
    saving.reset();
  };
  const row = (owner: string) => rows[owner] ?? { percent: "", right: "full" as Right };
  const update = (owner: string, change: Partial<Rows[string]>) => setRows({ ...rows, [owner]: { ...row(owner), ...change } });

  return (
    <article className="card" id="set-ownership">
      <h2>{t("Set an account's owners")}</h2>
      {saving.error && <ErrorBanner error={asIpcError(saving.error)} action={t("Correct the shares and save again.")} />}
      {saving.isSuccess && <p className="muted" role="status">{t("Owners saved.")}</p>}
      <form onSubmit={(e) => { e.preventDefault(); saving.mutate(); }}>
        <div className="filters wrap">
          <select aria-label={t("Account to assign")} value={chosen} onChange={(e) => choose(e.target.value)}>
            {accounts.map((a) => <option key={a.accountId} value={a.accountId}>{a.name}</option>)}
          </select>
          <label className="inline-label">
            {t("From")}
            <input type="date" aria-label={t("In force from")} value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
        </div>
        <table className="grid share-rows">
          <tbody>
            {owners.map((owner) => (
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
        <button className="secondary inline" type="submit" disabled={saving.isPending || !chosen || shares.length === 0}>{t("Save owners")}</button>
      </form>
    </article>
  );
}
