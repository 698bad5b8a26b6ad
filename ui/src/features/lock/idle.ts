// The idle timer of the app lock: no pointer, keyboard, wheel or touch input in the window for `minutes` calls
// `onIdle`. Only what a person does counts: a refresh running, data arriving or a chart redrawing is not activity.
// One timer checks the time of the last input when it fires, rather than being re-armed on every pointer move; it
// reads the clock, so a computer that slept past the deadline locks as soon as it wakes.
import { useEffect, useRef } from "react";

const ACTIVITY = ["pointerdown", "pointermove", "mousedown", "mousemove", "keydown", "wheel", "touchstart"] as const;

/** Arms the timer while `minutes` is a number (null: no auto-lock, or locked already). */
export function useIdleTimer(minutes: number | null, onIdle: () => void): void {
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    if (minutes === null) return;
    const limit = minutes * 60_000;
    let lastInput = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const quiet = Date.now() - lastInput;
      if (quiet >= limit) idle.current();
      else timer = setTimeout(check, limit - quiet);
    };
    const onInput = () => {
      lastInput = Date.now();
    };
    for (const name of ACTIVITY) window.addEventListener(name, onInput, { capture: true, passive: true });
    timer = setTimeout(check, limit);
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [minutes]);
}
