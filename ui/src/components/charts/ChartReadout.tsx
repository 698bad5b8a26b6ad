// Reading a chart the core drew from the readings it sent with it: the pointer's place is scaled from the chart's
// rendered size to the SVG's own pixels, the band of the axis under it is found, and its label and figures (written
// by the core for the locale) show in a tooltip, with the band highlighted. Focused, the arrow keys (and Home/End)
// move from band to band; a screen reader hears each one. It never reads numbers back out of the drawing.
import { useId, useMemo, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import type { ChartReadings } from "../../bindings/ChartReadings";
import type { ReadingBand } from "../../bindings/ReadingBand";
import { useT } from "../../preferences/hooks";

const low = (band: ReadingBand) => Math.min(band.from, band.to);
const high = (band: ReadingBand) => Math.max(band.from, band.to);

/** The band under a point given in the SVG's pixels, or null off every band. */
export function bandAt(readings: ChartReadings, x: number, y: number): number | null {
  const along = readings.axis === "x" ? x : y;
  const index = readings.bands.findIndex((band) => along >= low(band) && along <= high(band));
  return index < 0 ? null : index;
}

/** Where the tooltip stands, as fractions of the chart's box. */
interface Shown {
  index: number;
  x: number;
  y: number;
}

export function ChartReadout({ readings, title, children }: { readings: ChartReadings; title: string; children: ReactNode }) {
  const t = useT();
  const hintId = useId();
  const [shown, setShown] = useState<Shown | null>(null);
  // The keys walk the bands in their order along the axis, whatever order the core drew them in.
  const order = useMemo(() => readings.bands.map((_, index) => index).sort((a, b) => low(readings.bands[a]) - low(readings.bands[b])), [readings]);
  const length = readings.axis === "x" ? readings.width : readings.height;
  const band = shown === null ? undefined : readings.bands[shown.index];

  /** A band shown from the keyboard: the tooltip at its middle along the axis. */
  const showBand = (index: number) => {
    const middle = (low(readings.bands[index]) + high(readings.bands[index])) / 2 / length;
    setShown(readings.axis === "x" ? { index, x: middle, y: 0.35 } : { index, x: 0.5, y: middle });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const x = (event.clientX - box.left) / box.width;
    const y = (event.clientY - box.top) / box.height;
    const index = bandAt(readings, x * readings.width, y * readings.height);
    setShown(index === null ? null : { index, x, y });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (order.length === 0) return;
    const rank = shown === null ? -1 : order.indexOf(shown.index);
    const last = order.length - 1;
    const next = {
      ArrowRight: Math.min(last, rank + 1),
      ArrowDown: Math.min(last, rank + 1),
      ArrowLeft: Math.max(0, rank - 1),
      ArrowUp: Math.max(0, rank - 1),
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    showBand(order[next]);
  };
  const highlight = band && (readings.axis === "x"
    ? { left: `${(low(band) / length) * 100}%`, width: `${((high(band) - low(band)) / length) * 100}%`, top: 0, bottom: 0 }
    : { top: `${(low(band) / length) * 100}%`, height: `${((high(band) - low(band)) / length) * 100}%`, left: 0, right: 0 });

  return (
    <>
      <div
        className="chart-readout"
        role="group"
        aria-label={title}
        aria-describedby={hintId}
        tabIndex={0}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setShown(null)}
        onBlur={() => setShown(null)}
        onKeyDown={onKeyDown}
      >
        {children}
        {band && shown && (
          <>
            <div className="readout-band" style={highlight} aria-hidden="true" />
            <div className={`chart-tooltip ${shown.x > 0.7 ? "left" : ""}`} role="tooltip" style={{ left: `${shown.x * 100}%`, top: `${shown.y * 100}%` }}>
              <strong>{band.label}</strong>
              <ul className="readout-values">
                {band.values.map((reading) => (
                  <li key={reading.series}>
                    <span className="muted">{reading.series}</span>
                    <span className="mono">{reading.value}</span>
                  </li>
                ))}
              </ul>
            </div>
          </>
        )}
      </div>
      <p id={hintId} className="visually-hidden">{t("Point at the chart, or focus it and use the arrow keys, to read each value.")}</p>
      <p className="visually-hidden" aria-live="polite">
        {band ? t("{label}: {values}", { label: band.label, values: band.values.map((reading) => t("{series}: {value}", { series: reading.series, value: reading.value })).join(", ") }) : ""}
      </p>
    </>
  );
}
