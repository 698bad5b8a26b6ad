// A small inline SVG line of a balance history, for a table cell: the shape of the trend at a glance, next to the
// figure. Too small for axes; the account's page draws the same history as a full chart (LineChart).
import { useT } from "../preferences/hooks";

export function Sparkline({ values, label, width = 160, height = 36, compact = false }: { values: number[]; label: string; width?: number; height?: number; compact?: boolean }) {
  const t = useT();
  if (values.length < 2) return <span className="muted small" title={t("not enough history yet")}>{compact ? "—" : t("not enough history yet")}</span>;
  const low = Math.min(...values);
  const high = Math.max(...values);
  // A flat history is drawn across the middle, not along the bottom edge.
  const y = (v: number) => (high === low ? height / 2 : height - 2 - ((v - low) / (high - low)) * (height - 4));
  const points = values.map((v, i) => `${((i / (values.length - 1)) * (width - 4) + 2).toFixed(1)},${y(v).toFixed(1)}`);
  const rising = values[values.length - 1] >= values[0];
  return (
    <svg className={`sparkline ${rising ? "rising" : "falling"}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline fill="none" strokeWidth="2" points={points.join(" ")} />
    </svg>
  );
}
