// A chart the core drew, shown as an image (its SVG never runs in the window), readable under the pointer and the
// keys when the core sent its readings; hidden with the amounts it carries on its axes while privacy is on.
import type { ChartReadings } from "../../bindings/ChartReadings";
import { usePreferences } from "../../preferences/hooks";
import { ChartReadout } from "./ChartReadout";
import { HiddenChart } from "./HiddenChart";

export function CoreChart({ svg, title, readings }: { svg: string | undefined; title: string; readings?: ChartReadings | null }) {
  const { amountsHidden } = usePreferences();
  if (amountsHidden) return <HiddenChart title={title} />;
  if (!svg) return <div className="chart placeholder" aria-busy="true" />;
  const image = <img className="chart" alt={title} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />;
  return readings && readings.bands.length > 0 ? <ChartReadout readings={readings} title={title}>{image}</ChartReadout> : image;
}
