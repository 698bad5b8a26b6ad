// A windowed list: only the rows in (and just around) the viewport are in the DOM, whatever the length, and the
// caller is told when the viewport nears the end of what is loaded so it can fetch the next keyset page.
import { useEffect, useRef, useState, type ReactNode } from "react";

/** Rows rendered above and below the viewport, so fast scrolling does not show blanks. */
const OVERSCAN = 8;
/** Viewport height assumed before layout (and in test environments without layout). */
const FALLBACK_HEIGHT = 600;

export function VirtualRows<T>({
  rows,
  rowHeight,
  renderRow,
  onNearEnd,
  hasMore,
  label,
  id,
}: {
  rows: T[];
  rowHeight: number;
  renderRow: (row: T, index: number) => ReactNode;
  /** Called when the viewport comes within two screens of the last loaded row. */
  onNearEnd: () => void;
  hasMore: boolean;
  label: string;
  id?: string;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || FALLBACK_HEIGHT);
    measure();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const nearEnd = hasMore && last >= rows.length - Math.ceil((2 * height) / rowHeight);

  useEffect(() => {
    if (nearEnd) onNearEnd();
  }, [nearEnd, rows.length, onNearEnd]);

  return (
    <div
      ref={viewport}
      id={id}
      className="virtual-viewport"
      role="rowgroup"
      aria-label={label}
      data-loaded-rows={rows.length}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="virtual-space" style={{ height: rows.length * rowHeight + (hasMore ? rowHeight : 0) }}>
        {rows.slice(first, last).map((row, offset) => (
          <div key={first + offset} className="virtual-row" style={{ transform: `translateY(${(first + offset) * rowHeight}px)`, height: rowHeight }}>
            {renderRow(row, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
