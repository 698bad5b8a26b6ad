// The app lock as the window knows it, handed down by <LockGate>: the core's status, and the ways to change it.
import { createContext, useContext } from "react";
import type { LockStatus } from "../../bindings/LockStatus";

export interface AppLock {
  /** The core's word on the lock (the gate renders nothing of the app before it has it). */
  status: LockStatus;
  /** Shows the lock screen at once and asks the core to lock (Ctrl+L, the lock button, the idle timer). */
  lockNow: () => void;
  /** Takes a status the core answered (after setting, changing or removing the lock). */
  update: (status: LockStatus) => void;
}

export const AppLockContext = createContext<AppLock | null>(null);

export function useAppLock(): AppLock {
  const lock = useContext(AppLockContext);
  if (!lock) throw new Error("useAppLock() needs a <LockGate> above it");
  return lock;
}
