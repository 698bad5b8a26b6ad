// The gross assets' allocation drawn by the window: one column with the classes stacked largest first, each as tall
// as its part of the classes that are owned (a negative line, a gap to the bank's balance, has no height). Read under
// the pointer or the keys through ChartReadout, with the same figures as the table beside it; hidden with the amounts.
import type { ChartReadings } from "../../bindings/ChartReadings";
import type { ClassTotal } from "../../bindings/ClassTotal";
import { ChartReadout } from "../../components/charts/ChartReadout";
import { HiddenChart } from "../../components/charts/HiddenChart";
import { compareDecimals } from "../../lib/decimal";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { ratioOf } from "./figures";
import { CLASSES } from "./labels";

const WIDTH = 96;
const HEIGHT = 300;
const GAP = 2;

export function AllocationChart({ lines, assets, currency, title }: { lines: ClassTotal[]; assets: string; currency: string; title: string }) {
  const { t, amountsHidden } = usePreferences();
  const format = useFormat();
  if (amountsHidden) return <HiddenChart title={title} />;
  const owned = lines.filter((line) => line.class !== "liabilities" && compareDecimals(line.amount, "0") > 0);
  // Heights only: the figures read out are the core's, exact until written.
  const total = owned.reduce((sum, line) => sum + Number(line.amount), 0);
  if (owned.length === 0 || total <= 0) return null;
  const room = HEIGHT - GAP * (owned.length - 1);
  let top = 0;
  const bands = owned.map((line) => {
    const height = (Number(line.amount) / total) * room;
    const band = { from: top, to: top + height, line };
    top += height + GAP;
    return band;
  });
  const share = (amount: string) => {
    const ratio = ratioOf(amount, assets);
    return ratio === null ? "—" : format.percent(ratio);
  };
  const readings: ChartReadings = {
    axis: "y",
    width: WIDTH,
    height: HEIGHT,
    bands: bands.map(({ from, to, line }) => ({
      from,
      to,
      label: t(CLASSES[line.class]),
      values: [
        { series: t("Amount"), value: format.money(line.amount, currency) },
        { series: t("Share of gross assets"), value: share(line.amount) },
      ],
    })),
  };
  return (
    <div className="allocation-chart">
      <ChartReadout readings={readings} title={title}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
          {bands.map(({ from, to, line }) => (
            <rect key={line.class} className={`class-fill class-${line.class}`} data-class={line.class} x={0} y={from} width={WIDTH} height={Math.max(0, to - from)} rx={3} />
          ))}
        </svg>
      </ChartReadout>
    </div>
  );
}
