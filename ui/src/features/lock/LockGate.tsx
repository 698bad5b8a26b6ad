// The app lock's gate, around the whole app: it asks the core for the lock's status before anything else and mounts
// the app only while unlocked, so no screen (and no query of the household) runs behind the lock screen. The window
// locks when the person asks (Ctrl+L, the lock button, the palette), after the idle time, when the core says it
// locked itself (`app:locked`, the screen locked), and when any command is refused with `app.locked` (locked from
// elsewhere between two calls): then the lock screen replaces the app rather than an error banner. While locked the
// privacy switch is held on and every query's data is dropped, so the screens read afresh once unlocked.
import { useCallback, useEffect, useLayoutEffect, useMemo, type ReactNode } from "react";
import { useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { listen } from "@tauri-apps/api/event";
import { asIpcError, lockApp, lockStatus } from "../../api/commands";
import { APP_LOCKED } from "../../api/events";
import { queryKeys } from "../../api/query-keys";
import type { LockStatus } from "../../bindings/LockStatus";
import { AppMark } from "../../components/AppMark";
import { ErrorBanner } from "../../components/ErrorBanner";
import { usePreferences } from "../../preferences/hooks";
import { AppLockContext, type AppLock } from "./context";
import { useIdleTimer } from "./idle";
import { LockScreen } from "./LockScreen";

/** Every query but the lock's own. */
const household = (query: Query) => query.queryKey[0] !== queryKeys.lock[0];

export function LockGate({ children }: { children: ReactNode }) {
  const { t, setPrivacyForced } = usePreferences();
  const queryClient = useQueryClient();
  const lock = useQuery({ queryKey: queryKeys.lock, queryFn: lockStatus, staleTime: Infinity });
  const status = lock.data;
  const locked = status?.locked ?? false;

  const update = useCallback((next: LockStatus) => queryClient.setQueryData(queryKeys.lock, next), [queryClient]);
  /** The lock screen now; the core's own status (the wait, the settings) follows. */
  const showLocked = useCallback(() => {
    queryClient.setQueryData<LockStatus>(queryKeys.lock, (now) => now && { ...now, locked: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.lock });
  }, [queryClient]);
  const lockNow = useCallback(() => {
    // Locked on screen first, so nothing stays visible while the core answers; if it refuses (no lock is set any
    // more), the window shows what the core says.
    queryClient.setQueryData<LockStatus>(queryKeys.lock, (now) => now && { ...now, locked: true });
    lockApp().then(update, () => queryClient.invalidateQueries({ queryKey: queryKeys.lock }));
  }, [queryClient, update]);

  useLayoutEffect(() => setPrivacyForced(locked), [locked, setPrivacyForced]);

  // Nothing read of the household stays in memory while locked; after unlocking every screen reads again.
  useEffect(() => {
    if (!locked) return;
    void queryClient.cancelQueries({ predicate: household });
    queryClient.removeQueries({ predicate: household });
    queryClient.getMutationCache().clear();
  }, [locked, queryClient]);

  // The core locked itself: the screen locked.
  useEffect(() => {
    const stop = listen<LockStatus>(APP_LOCKED, (event) => update(event.payload)).catch(() => () => {});
    return () => void stop.then((unlisten) => unlisten()).catch(() => {});
  }, [update]);

  // A command refused because the app is locked: the lock screen, not the error.
  useEffect(() => {
    const onError = (error: unknown) => {
      if (asIpcError(error).code === "app.locked") showLocked();
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, showLocked]);

  useIdleTimer(status?.enabled && !locked ? status.idleMinutes : null, lockNow);

  const value = useMemo<AppLock | null>(() => (status ? { status, lockNow, update } : null), [status, lockNow, update]);

  if (lock.isError) {
    return (
      <div className="lock-screen">
        <div className="lock-card" id="lock-problem">
          <AppMark />
          <h1>{t("Pocket Family Office")}</h1>
          <ErrorBanner error={asIpcError(lock.error)} action={t("Fix the problem above, then restart the app.")} />
        </div>
      </div>
    );
  }
  // Before the core has answered, nothing: not even the frame, whose screens would start reading.
  if (!status || !value) return null;
  if (locked) return <LockScreen status={status} onUnlocked={update} />;
  return <AppLockContext.Provider value={value}>{children}</AppLockContext.Provider>;
}
