// Net worth by owner, from the document's byOwner (ids and roles only: names are looked up here): each owner's
// whole net worth, what it holds directly, and what it holds through each entity with its share of it; then the
// core's chart of the same figures, when it drew one.
import type { ChartReadings } from "../../bindings/ChartReadings";
import type { Owner } from "../../bindings/Owner";
import type { OverviewDocument } from "../../bindings/OverviewDocument";
import { CoreChart } from "../../components/charts/CoreChart";
import { useFormat, useT } from "../../preferences/hooks";
import { percentLabel, ROLES } from "../ownership/labels";
import { OwnerName } from "../ownership/OwnerName";

export function OwnersWorth({ document, owners, chart, readings }: { document: OverviewDocument; owners: Map<string, Owner>; chart: string | null | undefined; readings: ChartReadings | null | undefined }) {
  const t = useT();
  const format = useFormat();
  const base = document.baseCurrency;
  if (document.byOwner.length === 0) return null;
  const money = (amount: string) => <span className={`mono ${amount.startsWith("-") ? "negative" : ""}`}>{format.money(amount, base)}</span>;
  return (
    <article className="card" id="overview-by-owner">
      <h2>{t("Net worth by owner")}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t("Owner")}</th>
            <th scope="col">{t("Role")}</th>
            <th scope="col" className="amount">{t("Net worth")}</th>
            <th scope="col" className="amount">{t("Held directly")}</th>
            <th scope="col">{t("Through entities")}</th>
          </tr>
        </thead>
        <tbody>
          {document.byOwner.map((worth) => {
            const owner = owners.get(worth.owner);
            return (
              <tr key={worth.owner} data-owner-id={worth.owner}>
                <td>{owner ? <OwnerName owner={owner} /> : worth.owner}</td>
                <td>{t(ROLES[worth.role])}</td>
                <td className="amount net-worth">{money(worth.netWorth)}</td>
                <td className="amount direct">{money(worth.direct)}</td>
                <td className="through">
                  {worth.through.length === 0 && <span className="muted">—</span>}
                  <ul className="through-list">
                    {worth.through.map((part) => (
                      <li key={part.entity} data-entity={part.entity}>
                        {t("{percent} of {entity}", { percent: percentLabel(part.percent, t), entity: owners.get(part.entity)?.name ?? part.entity })} {money(part.amount)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {chart && (
        <div className="owners-chart">
          <CoreChart svg={chart} title={t("Net worth by owner")} readings={readings} />
        </div>
      )}
    </article>
  );
}
