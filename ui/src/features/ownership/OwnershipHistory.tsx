// Every share set ever recorded (the core never rewrites one), per account or entity, newest first: the first day
// in force, when it was recorded, each owner's percentage and right, and which set is in force today.
import type { AccountShare } from "../../bindings/AccountShare";
import type { Holding } from "../../bindings/Holding";
import type { Owner } from "../../bindings/Owner";
import type { ShareSet } from "../../bindings/ShareSet";
import { useFormat, useT } from "../../preferences/hooks";
import { percentLabel, RIGHTS } from "./labels";
import { OwnerName } from "./OwnerName";
import { historyByHolding, inForce, today } from "./sets";

export function OwnershipHistory({ sets, accounts, owners }: { sets: ShareSet[]; accounts: AccountShare[]; owners: Map<string, Owner> }) {
  const t = useT();
  const format = useFormat();
  const day = today();
  const nameOf = (holding: Holding) =>
    holding.kind === "account" ? (accounts.find((a) => a.accountId === holding.id)?.name ?? holding.id) : (owners.get(holding.id)?.name ?? holding.id);
  return (
    <article className="card" id="ownership-history">
      <h2>{t("Ownership history")}</h2>
      {sets.length === 0 && <p className="muted">{t("No owners recorded yet.")}</p>}
      {historyByHolding(sets).map(({ holding, sets: recorded }) => {
        const current = inForce(recorded, holding, day);
        return (
          <section key={`${holding.kind}:${holding.id}`} className="history-holding" data-history={holding.id}>
            <h3>{nameOf(holding)} <span className="muted small">{holding.kind === "account" ? t("Account") : t("Entity")}</span></h3>
            <ol className="history-sets">
              {recorded.map((set) => (
                <li key={`${set.effectiveFrom ?? ""}-${set.recordedAt}`} className="history-set">
                  <span className="history-when">
                    <strong>{set.effectiveFrom ? t("From {date}", { date: format.date(set.effectiveFrom) }) : t("From the start")}</strong>
                    {set === current && <span className="badge in-force">{t("in force")}</span>}
                    <span className="muted small">{t("recorded {when}", { when: format.instant(set.recordedAt) })}</span>
                  </span>
                  <ul className="shares">
                    {set.shares.map((share) => (
                      <li key={`${share.owner}-${share.right}`}>
                        <OwnerName owner={owners.get(share.owner)} /> <span className="mono">{percentLabel(share.percent, t)}</span>
                        <span className="muted small"> {t(RIGHTS[share.right])}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </article>
  );
}
