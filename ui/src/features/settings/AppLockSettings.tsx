// Settings → App lock: set a lock (a passphrase, twice), change it or its settings (the passphrase in force
// required: only the person who knows it changes it), or remove it. Its settings: auto-lock after idle minutes, lock
// when the screen locks, and whether `pfo` asks for the passphrase too. Passphrases are sent once and cleared from the
// forms whatever the answer; the core's refusals (a wrong or weak passphrase) are shown in its own words.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { asIpcError, configureAppLock, removeAppLock } from "../../api/commands";
import type { CliUnlock } from "../../bindings/CliUnlock";
import type { LockStatus } from "../../bindings/LockStatus";
import { ErrorBanner } from "../../components/ErrorBanner";
import type { Translate } from "../../i18n/translate";
import { useT } from "../../preferences/hooks";
import { useAppLock } from "../lock/context";
import { MIN_PASSPHRASE } from "./BackupSettings";

/** The idle times offered; a time set otherwise (240 at most) is offered too. */
const IDLE_CHOICES = [1, 5, 15, 30, 60];

interface LockOptions {
  idleMinutes: number | null;
  onScreenLock: boolean;
  cliUnlock: CliUnlock;
}

const optionsOf = (status: LockStatus): LockOptions => ({ idleMinutes: status.idleMinutes, onScreenLock: status.onScreenLock, cliUnlock: status.cliUnlock });
/** A first lock's settings: 15 minutes idle, and the screen lock when this desktop reports it. */
const firstOptions = (status: LockStatus): LockOptions => ({ idleMinutes: 15, onScreenLock: status.screenLockSupported, cliUnlock: "ask" });

/** Why a new passphrase typed twice cannot be sent, or null. */
function newPassphraseProblem(passphrase: string, again: string, t: Translate): string | null {
  if (passphrase.length < MIN_PASSPHRASE) return t("The passphrase needs at least {count} characters.", { count: MIN_PASSPHRASE });
  if (passphrase !== again) return t("The two passphrases differ.");
  return null;
}

export function AppLockSettings() {
  const t = useT();
  const { status } = useAppLock();
  const [done, setDone] = useState<string | null>(null);
  return (
    <article className="card" id="app-lock-settings">
      <h2>{t("App lock")}</h2>
      <p className="muted">
        {t("The lock asks for a passphrase to open this window and the pfo command line. The database stays encrypted either way, with its key in the OS keyring.")}
      </p>
      {done && <p className="notice" role="status" id="app-lock-done">{done}</p>}
      {status.enabled ? (
        <>
          <ChangeLockForm status={status} onDone={setDone} />
          <RemoveLockForm onDone={setDone} />
        </>
      ) : (
        <SetLockForm status={status} onDone={setDone} />
      )}
    </article>
  );
}

function SetLockForm({ status, onDone }: { status: LockStatus; onDone: (text: string) => void }) {
  const t = useT();
  const { update } = useAppLock();
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [options, setOptions] = useState(() => firstOptions(status));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => configureAppLock({ current: null, newPassphrase: passphrase, ...options }),
    onSuccess: (next) => {
      update(next);
      onDone(t("The lock is set. Ctrl+L or the Lock button locks the window now."));
    },
    onSettled: () => {
      setPassphrase("");
      setAgain("");
    },
  });
  return (
    <form
      id="app-lock-set"
      onSubmit={(event) => {
        event.preventDefault();
        const found = newPassphraseProblem(passphrase, again, t);
        setProblem(found);
        if (!found) save.mutate();
      }}
    >
      <h3>{t("Set a lock")}</h3>
      {problem && <p className="error" role="alert">{problem}</p>}
      {save.isError && <ErrorBanner error={asIpcError(save.error)} action={t("No lock was set. Choose another passphrase, then try again.")} />}
      <div className="filters wrap">
        <input aria-label={t("New lock passphrase")} placeholder={t("New lock passphrase")} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" required />
        <input aria-label={t("The new lock passphrase again")} placeholder={t("The new lock passphrase again")} type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" required />
      </div>
      <LockOptionsFields options={options} onChange={setOptions} screenLockSupported={status.screenLockSupported} />
      <button className="primary" type="submit" disabled={save.isPending}>{save.isPending ? t("Setting the lock…") : t("Set the lock")}</button>
    </form>
  );
}

function ChangeLockForm({ status, onDone }: { status: LockStatus; onDone: (text: string) => void }) {
  const t = useT();
  const { update } = useAppLock();
  const [current, setCurrent] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [options, setOptions] = useState(() => optionsOf(status));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => configureAppLock({ current, newPassphrase: passphrase === "" ? null : passphrase, ...options }),
    onSuccess: (next) => {
      update(next);
      onDone(passphrase === "" ? t("The lock's settings are saved.") : t("The lock's passphrase and settings are saved."));
    },
    onSettled: () => {
      setCurrent("");
      setPassphrase("");
      setAgain("");
    },
  });
  return (
    <form
      id="app-lock-change"
      onSubmit={(event) => {
        event.preventDefault();
        // Leaving both new fields empty keeps the passphrase.
        const found = passphrase === "" && again === "" ? null : newPassphraseProblem(passphrase, again, t);
        setProblem(found);
        if (!found) save.mutate();
      }}
    >
      <h3>{t("Change the lock")}</h3>
      {problem && <p className="error" role="alert">{problem}</p>}
      {save.isError && <ErrorBanner error={asIpcError(save.error)} action={t("Nothing was changed.")} />}
      <LockOptionsFields options={options} onChange={setOptions} screenLockSupported={status.screenLockSupported} />
      <p className="muted small">{t("To change the passphrase, type the new one twice; leave both empty to keep it.")}</p>
      <div className="filters wrap">
        <input aria-label={t("New lock passphrase")} placeholder={t("New lock passphrase")} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
        <input aria-label={t("The new lock passphrase again")} placeholder={t("The new lock passphrase again")} type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
      </div>
      <div className="filters wrap">
        <input aria-label={t("Current lock passphrase")} placeholder={t("Current lock passphrase")} type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" required />
        <button className="primary" type="submit" disabled={save.isPending}>{save.isPending ? t("Saving…") : t("Save the lock's settings")}</button>
      </div>
    </form>
  );
}

function RemoveLockForm({ onDone }: { onDone: (text: string) => void }) {
  const t = useT();
  const { update } = useAppLock();
  const [current, setCurrent] = useState("");
  const remove = useMutation({
    mutationFn: () => removeAppLock(current),
    onSuccess: (next) => {
      update(next);
      onDone(t("The lock is removed: the window and pfo open without a passphrase."));
    },
    onSettled: () => setCurrent(""),
  });
  return (
    <form
      id="app-lock-remove"
      onSubmit={(event) => {
        event.preventDefault();
        remove.mutate();
      }}
    >
      <h3>{t("Remove the lock")}</h3>
      {remove.isError && <ErrorBanner error={asIpcError(remove.error)} action={t("The lock stays as it was.")} />}
      <div className="filters wrap">
        <input aria-label={t("Passphrase of the lock to remove")} placeholder={t("Passphrase of the lock to remove")} type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" required />
        <button className="secondary inline" type="submit" disabled={remove.isPending}>{remove.isPending ? t("Removing…") : t("Remove the lock")}</button>
      </div>
    </form>
  );
}

function LockOptionsFields({ options, onChange, screenLockSupported }: { options: LockOptions; onChange: (options: LockOptions) => void; screenLockSupported: boolean }) {
  const t = useT();
  const choices = options.idleMinutes === null || IDLE_CHOICES.includes(options.idleMinutes) ? IDLE_CHOICES : [...IDLE_CHOICES, options.idleMinutes].sort((a, b) => a - b);
  return (
    <div className="lock-options">
      <div className="lock-option">
        <label>
          {t("Lock after this long without use")}{" "}
          <select
            aria-label={t("Idle time before locking")}
            value={options.idleMinutes === null ? "never" : String(options.idleMinutes)}
            onChange={(e) => onChange({ ...options, idleMinutes: e.target.value === "never" ? null : Number(e.target.value) })}
          >
            <option value="never">{t("Never")}</option>
            {choices.map((minutes) => (
              <option key={minutes} value={String(minutes)}>{t("{count} minutes", { count: minutes })}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="lock-option">
        <label>
          <input type="checkbox" checked={options.onScreenLock && screenLockSupported} disabled={!screenLockSupported} onChange={(e) => onChange({ ...options, onScreenLock: e.target.checked })} />{" "}
          {t("Lock when the screen locks")}
        </label>
        {!screenLockSupported && <span className="muted small" id="screen-lock-unsupported">{t("This desktop does not tell the app when its screen locks.")}</span>}
      </div>
      <div className="lock-option">
        <label>
          <input type="checkbox" checked={options.cliUnlock === "ask"} onChange={(e) => onChange({ ...options, cliUnlock: e.target.checked ? "ask" : "skip" })} />{" "}
          {t("The command line asks for the passphrase")}
        </label>
        <span className="muted small">{t("pfo then asks for it at a terminal, or reads it from standard input.")}</span>
      </div>
    </div>
  );
}
