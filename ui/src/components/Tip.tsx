// A word or a mark explained in a tooltip: shown under the pointer and on keyboard focus (the mark is focusable),
// described to a screen reader while shown, and dismissed with Escape without moving the focus.
import { useId, useState, type ReactNode } from "react";

export function Tip({ children, tip, className = "" }: { children: ReactNode; tip: string; className?: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span
      className={`tip ${className}`}
      tabIndex={0}
      aria-describedby={open ? id : undefined}
      onPointerEnter={() => setOpen(true)}
      onPointerLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
    >
      {children}
      {open && <span className="tip-text" role="tooltip" id={id}>{tip}</span>}
    </span>
  );
}
