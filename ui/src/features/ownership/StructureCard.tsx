// The household's structure as the core draws it (people above the entities they own, each share on its arrow),
// with every owner's box pointable and focusable, from the places the core returned: a tooltip gives the owner's
// name, role, net worth in the view, and for an entity who owns it today.
import { useId, useState } from "react";
import type { HouseholdView } from "../../bindings/HouseholdView";
import type { Owner } from "../../bindings/Owner";
import type { ShareSet } from "../../bindings/ShareSet";
import type { StructureChart } from "../../bindings/StructureChart";
import { svgSize } from "../../components/charts/svg-size";
import { useFormat, useT } from "../../preferences/hooks";
import { percentLabel, ROLES } from "./labels";
import { inForce, today } from "./sets";

const percentOf = (part: number, whole: number) => `${(part / whole) * 100}%`;

export function StructureCard({ chart, owners, household, sets }: { chart: StructureChart | undefined; owners: Map<string, Owner>; household: HouseholdView | undefined; sets: ShareSet[] }) {
  const t = useT();
  const format = useFormat();
  const tooltipId = useId();
  const [active, setActive] = useState<string | null>(null);
  const size = chart ? svgSize(chart.svg) : null;
  const box = chart?.boxes.find((b) => b.owner === active);
  const owner = owners.get(active ?? "");
  const worth = household?.byOwner.find((w) => w.owner === active);
  const holders = owner?.kind === "entity" ? (inForce(sets, { kind: "entity", id: owner.id }, today())?.shares ?? []) : [];
  const nameOf = (id: string) => owners.get(id)?.name ?? id;
  // Boxes in the top third get their tooltip below them, so it never leaves the chart.
  const below = box && size ? box.y < size.height / 3 : false;

  return (
    <article className="card" id="ownership-structure">
      <h2>{t("Structure of the household")}</h2>
      {!chart && <div className="chart placeholder" aria-busy="true" />}
      {chart && size && (
        <div className="structure-frame">
          <img className="chart" alt={t("The household's structure: who owns each entity")} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`} />
          {chart.boxes.map((place) => {
            const shown = owners.get(place.owner);
            return (
              <button
                key={place.owner}
                type="button"
                className="chart-box"
                data-box={place.owner}
                style={{ left: percentOf(place.x, size.width), top: percentOf(place.y, size.height), width: percentOf(place.width, size.width), height: percentOf(place.height, size.height) }}
                aria-label={shown ? t("{owner}, {role}", { owner: shown.name, role: t(ROLES[shown.role]) }) : place.owner}
                aria-describedby={active === place.owner ? tooltipId : undefined}
                onPointerEnter={() => setActive(place.owner)}
                onPointerLeave={() => setActive(null)}
                onFocus={() => setActive(place.owner)}
                onBlur={() => setActive(null)}
              />
            );
          })}
          {box && owner && (
            <div
              className={`chart-tooltip ${below ? "below" : ""}`}
              role="tooltip"
              id={tooltipId}
              style={{ left: percentOf(box.x + box.width / 2, size.width), top: percentOf(below ? box.y + box.height : box.y, size.height) }}
            >
              <strong>{owner.name}</strong>
              <span className="muted small">{t(ROLES[owner.role])}</span>
              {worth && household && <span className="mono small">{t("Net worth: {amount}", { amount: format.money(worth.netWorth, household.baseCurrency) })}</span>}
              {holders.length > 0 && (
                <span className="small">
                  {t("Owned by {owners}", { owners: holders.map((share) => `${nameOf(share.owner)} ${percentLabel(share.percent, t)}`).join(", ") })}
                </span>
              )}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
