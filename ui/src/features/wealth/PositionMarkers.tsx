// The marks on a position or a holding: "stale" when its value is older than the core allows, "computed by Powens"
// when the provider computed some of its figures rather than read them from the bank; each explained in a tooltip.
import { Tip } from "../../components/Tip";
import { useFormat, useT } from "../../preferences/hooks";
import { computedFigures } from "./labels";

export function PositionMarkers({ stale, valueDate, calculated }: { stale: boolean; valueDate: string | null; calculated: readonly string[] }) {
  const t = useT();
  const format = useFormat();
  if (!stale && calculated.length === 0) return null;
  return (
    <span className="position-markers">
      {stale && (
        <Tip className="badge stale" tip={valueDate ? t("Last valued on {date}, more than 7 days ago.", { date: format.date(valueDate) }) : t("The bank gives no value date.")}>
          {t("stale")}
        </Tip>
      )}
      {calculated.length > 0 && (
        <Tip className="badge computed" tip={t("Computed by Powens rather than read from the bank: {figures}.", { figures: computedFigures(calculated, t) })}>
          {t("computed by Powens")}
        </Tip>
      )}
    </span>
  );
}
