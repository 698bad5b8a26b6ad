// Backend events (names mirror src-tauri/src/events.rs) and the one hook that turns them into fresh queries.
import { useEffect, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import { useQueryClient } from "@tanstack/react-query";
import type { Progress } from "../bindings/Progress";
import { refreshedKeys } from "./query-keys";

export const SYNC_PROGRESS = "sync:progress";
export const SYNC_FINISHED = "sync:finished";
/** The core locked itself (the desktop session's screen locked); the payload is the lock's status. */
export const APP_LOCKED = "app:locked";

/** The latest progress report of a running refresh (null when none runs), and query invalidation when one ends. */
export function useSyncEvents(): Progress | null {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    const unlisteners: Array<Promise<() => void>> = [];
    const subscribe = (name: string, handler: (payload: unknown) => void) => {
      // Outside the desktop shell (tests without event mocks) there is nothing to listen to.
      unlisteners.push(listen(name, (event) => handler(event.payload)).catch(() => () => {}));
    };
    subscribe(SYNC_PROGRESS, (payload) => setProgress(payload as Progress));
    subscribe(SYNC_FINISHED, () => {
      setProgress(null);
      for (const key of refreshedKeys) queryClient.invalidateQueries({ queryKey: key });
    });
    return () => {
      for (const unlisten of unlisteners) unlisten.then((stop) => stop()).catch(() => {});
    };
  }, [queryClient]);
  return progress;
}
