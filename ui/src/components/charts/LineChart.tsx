// A line chart the UI draws itself from figures the core returned (a trend's dates and values): labelled axes,
// dates across and amounts up, written in the regional settings like every figure of the window; and the date and
// value under the pointer, or under the keyboard (focus the chart, then ←/→, Home/End), in a tooltip that a screen
// reader hears too. Hidden with every amount while privacy is on.
import { useId, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { HiddenChart } from "./HiddenChart";
import { amountTicks, dateTickIndices, spansMonths, timeOf } from "./scale";

/** One point: its day (`YYYY-MM-DD`, or an RFC 3339 instant) and its amount as the core wrote it (a decimal string). */
export interface ChartPoint {
  date: string;
  value: string;
}

const WIDTH = 760;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 24, bottom: 52, left: 92 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

export function LineChart({ title, points, currency, xLabel, yLabel, id }: { title: string; points: ChartPoint[]; currency: string; xLabel: string; yLabel: string; id?: string }) {
  const { t, amountsHidden } = usePreferences();
  const format = useFormat();
  const hintId = useId();
  const [active, setActive] = useState<number | null>(null);

  if (amountsHidden) return <HiddenChart title={title} />;
  if (points.length < 2) return <p className="muted small">{t("not enough history yet")}</p>;

  const values = points.map((p) => Number(p.value));
  const ticks = amountTicks(Math.min(...values), Math.max(...values));
  const low = ticks[0];
  const high = ticks[ticks.length - 1];
  const start = timeOf(points[0].date);
  const span = timeOf(points[points.length - 1].date) - start || 1;
  const xs = points.map((p) => MARGIN.left + ((timeOf(p.date) - start) / span) * PLOT_W);
  const y = (value: number) => MARGIN.top + PLOT_H - ((value - low) / (high - low)) * PLOT_H;
  const monthly = spansMonths(points[0].date, points[points.length - 1].date);
  // Weekly values over a few months would write the same month twice: each label once, where it first applies.
  const dateTicks = dateTickIndices(points.length)
    .map((index) => ({ index, text: format.shortDate(points[index].date, monthly) }))
    .filter((tick, rank, ticks) => rank === 0 || tick.text !== ticks[rank - 1].text);
  const current = active === null ? null : { x: xs[active], y: y(values[active]), point: points[active] };
  const describe = (point: ChartPoint) => t("{date}: {value}", { date: format.date(point.date.slice(0, 10)), value: format.money(point.value, currency) });

  const nearest = (x: number) => xs.reduce((best, candidate, index) => (Math.abs(candidate - x) < Math.abs(xs[best] - x) ? index : best), 0);
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    setActive(nearest(((event.clientX - box.left) / box.width) * WIDTH));
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const last = points.length - 1;
    const from = active ?? last;
    const next = { ArrowLeft: Math.max(0, from - 1), ArrowRight: Math.min(last, from + 1), Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
  };

  return (
    <figure className="line-chart" id={id}>
      <figcaption>{title}</figcaption>
      <div className="line-chart-frame">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={title}
          aria-describedby={hintId}
          tabIndex={0}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setActive(null)}
          onFocus={() => setActive((shown) => shown ?? points.length - 1)}
          onBlur={() => setActive(null)}
          onKeyDown={onKeyDown}
        >
          <g className="axis y-axis">
            {ticks.map((tick) => (
              <g key={tick}>
                <line className={tick === 0 ? "grid zero" : "grid"} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle">{format.compactMoney(tick, currency)}</text>
              </g>
            ))}
            <text className="axis-title" transform={`translate(16 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
          </g>
          <g className="axis x-axis">
            <line className="baseline" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
            {dateTicks.map(({ index, text }) => (
              <text key={index} x={xs[index]} y={MARGIN.top + PLOT_H + 18} textAnchor={index === 0 ? "start" : index === points.length - 1 ? "end" : "middle"}>
                {text}
              </text>
            ))}
            <text className="axis-title" x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 6} textAnchor="middle">{xLabel}</text>
          </g>
          <polyline className="line" fill="none" points={xs.map((x, i) => `${x.toFixed(1)},${y(values[i]).toFixed(1)}`).join(" ")} />
          {current && (
            <g className="pointer">
              <line x1={current.x} x2={current.x} y1={MARGIN.top} y2={MARGIN.top + PLOT_H} />
              <circle cx={current.x} cy={current.y} r={5} />
            </g>
          )}
        </svg>
        {current && (
          <div
            className={`chart-tooltip ${current.x > WIDTH * 0.7 ? "left" : ""}`}
            role="tooltip"
            style={{ left: `${(current.x / WIDTH) * 100}%`, top: `${(current.y / HEIGHT) * 100}%` }}
          >
            <span className="muted small">{format.date(current.point.date.slice(0, 10))}</span>
            <strong className="mono">{format.money(current.point.value, currency)}</strong>
          </div>
        )}
      </div>
      <p id={hintId} className="visually-hidden">{t("Point at the chart, or focus it and use the arrow keys, to read each value.")}</p>
      <p className="visually-hidden" aria-live="polite">{current ? describe(current.point) : ""}</p>
    </figure>
  );
}
