// The lock screen: the whole window while the app is locked. It shows the app's name and mark and asks for the
// passphrase, and nothing of the household (the gate mounts no screen behind it). After wrong passphrases the core
// makes the next try wait: the field is disabled and counts the seconds down from the core's `retryAfterSeconds`.
// The passphrase is sent once and cleared from the field whatever the answer.
import { useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { asIpcError, lockStatus, unlockApp } from "../../api/commands";
import type { IpcError } from "../../bindings/IpcError";
import type { LockStatus } from "../../bindings/LockStatus";
import { AppMark } from "../../components/AppMark";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";

/** When the next try is accepted (a `Date.now()` time), from the core's wait in seconds. */
const deadlineOf = (seconds: number | null) => (seconds !== null && seconds > 0 ? Date.now() + seconds * 1000 : null);
const secondsUntil = (deadline: number) => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));

export function LockScreen({ status, onUnlocked }: { status: LockStatus; onUnlocked: (status: LockStatus) => void }) {
  const t = useT();
  const [passphrase, setPassphrase] = useState("");
  const [shown, setShown] = useState(false);
  const [problem, setProblem] = useState<IpcError | null>(null);
  const [deadline, setDeadline] = useState(() => deadlineOf(status.retryAfterSeconds));
  const [secondsLeft, setSecondsLeft] = useState(() => (deadline === null ? 0 : secondsUntil(deadline)));
  const field = useRef<HTMLInputElement>(null);

  const unlock = useMutation({
    mutationFn: () => unlockApp(passphrase),
    onSuccess: onUnlocked,
    onError: async (error) => {
      setProblem(asIpcError(error));
      // The core counts wrong passphrases and says how long the next try waits.
      if (asIpcError(error).code === "lock.passphrase_wrong") {
        const now = await lockStatus().catch(() => null);
        if (now) setDeadline(deadlineOf(now.retryAfterSeconds));
      }
    },
    onSettled: () => setPassphrase(""),
  });

  // The countdown: once a second until the wait is over.
  useEffect(() => {
    if (deadline === null) return;
    const tick = () => {
      const left = secondsUntil(deadline);
      setSecondsLeft(left);
      if (left === 0) setDeadline(null);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  const waiting = deadline !== null && secondsLeft > 0;
  const disabled = waiting || unlock.isPending;
  // Back to the field whenever it can be typed in again (after a wrong try, after the wait).
  useEffect(() => {
    if (!disabled) field.current?.focus();
  }, [disabled]);

  return (
    <div className="lock-screen">
      <form
        className="lock-card"
        id="lock-screen"
        aria-labelledby="lock-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (disabled || passphrase === "") return;
          unlock.mutate();
        }}
      >
        <AppMark />
        <h1 id="lock-title">{t("Pocket Family Office")}</h1>
        <p className="muted">{t("Locked. Enter the app lock's passphrase to open it.")}</p>
        {problem?.code === "lock.passphrase_wrong" ? (
          <p className="error" role="alert" data-code={problem.code}>{t("That is not the app lock's passphrase. It is case sensitive.")}</p>
        ) : (
          problem && <ErrorBanner error={problem} action={t("Try again; if it keeps failing, restart the app.")} />
        )}
        {waiting && (
          <p className="notice" role="status" id="lock-wait">
            {t("Too many wrong passphrases: try again in {count} seconds.", { count: secondsLeft })}
          </p>
        )}
        <div className="lock-field">
          <input
            ref={field}
            aria-label={t("App lock passphrase")}
            type={shown ? "text" : "password"}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="current-password"
            autoFocus
            disabled={disabled}
          />
          <button type="button" className="secondary inline" aria-pressed={shown} onClick={() => setShown((now) => !now)} title={t("Show or hide the passphrase as you type it")}>
            {t("Show")}
          </button>
        </div>
        <button className="primary" type="submit" disabled={disabled || passphrase === ""}>
          {unlock.isPending ? t("Unlocking…") : t("Unlock")}
        </button>
      </form>
    </div>
  );
}
