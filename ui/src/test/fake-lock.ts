// The fake core's app lock, as the real one behaves (pfo_core::lock): a passphrase kept in memory, three wrong ones
// free and then a wait that doubles from 5 seconds up to a minute (a try during the wait is refused unread), the same
// strength rule as backups, and while locked every command but the lock's own refused with `app.locked`. The lock
// commands for fake-core.ts, and `refuses()` for its dispatcher.
import type { CliUnlock } from "../bindings/CliUnlock";
import type { LockStatus } from "../bindings/LockStatus";
import type { FakeCommands } from "./core-contract";

/** How a test starts the lock: none by default; with a passphrase, set (and locked unless `locked: false`). */
export interface FakeLockOptions {
  passphrase?: string;
  locked?: boolean;
  idleMinutes?: number | null;
  onScreenLock?: boolean;
  cliUnlock?: CliUnlock;
  screenLockSupported?: boolean;
}

type LockCommands = Pick<FakeCommands, "lock_status" | "unlock_app" | "lock_app" | "configure_app_lock" | "remove_app_lock">;

const FREE_ATTEMPTS = 3;
const FIRST_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 60;
const MIN_PASSPHRASE = 12;
/** What the core answers, word for word (pfo_core::Error). */
export const APP_LOCKED_MESSAGE = "Pocket Family Office is locked: unlock it with its passphrase";
/** The commands a locked core still answers. */
const ANSWERED_WHILE_LOCKED = new Set(["lock_status", "unlock_app", "lock_app"]);

function waitAfter(wrong: number): number | null {
  const beyond = wrong - FREE_ATTEMPTS;
  return beyond > 0 ? Math.min(FIRST_WAIT_SECONDS * 2 ** Math.min(beyond - 1, 8), MAX_WAIT_SECONDS) : null;
}

/** The backup rule, as the fake backup applies it: 12 characters at least, and nothing that starts like "password". */
function weakness(passphrase: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE) return `it has ${[...passphrase].length} characters, fewer than ${MIN_PASSPHRASE}`;
  if (passphrase.toLowerCase().startsWith("password")) return "it is easy to guess (This is similar to a commonly used password)";
  return null;
}

export function fakeLock(options: FakeLockOptions = {}) {
  let passphrase: string | null = options.passphrase ?? null;
  let locked = passphrase !== null && (options.locked ?? true);
  let idleMinutes = options.idleMinutes ?? null;
  let onScreenLock = options.onScreenLock ?? false;
  let cliUnlock: CliUnlock = options.cliUnlock ?? "ask";
  const screenLockSupported = options.screenLockSupported ?? true;
  let wrong = 0;
  let notBefore: number | null = null;

  const waitLeft = () => (notBefore === null ? null : Math.ceil((notBefore - Date.now()) / 1000) > 0 ? Math.ceil((notBefore - Date.now()) / 1000) : null);
  const status = (): LockStatus => ({
    enabled: passphrase !== null,
    locked,
    idleMinutes: passphrase === null ? null : idleMinutes,
    onScreenLock: passphrase !== null && onScreenLock,
    cliUnlock: passphrase === null ? "ask" : cliUnlock,
    retryAfterSeconds: waitLeft(),
    screenLockSupported,
  });
  const wrongPassphrase = (retryAfterSeconds: number | null) => ({
    code: "lock.passphrase_wrong",
    message: `that is not the app lock's passphrase${retryAfterSeconds === null ? "" : `; try again in ${retryAfterSeconds} seconds`}`,
  });
  const notSet = { code: "lock.not_set", message: "no app lock is set; set one in Settings, App lock, first" };
  /** Checks a passphrase against the lock's, counting wrong ones. */
  const check = (given: unknown) => {
    const left = waitLeft();
    if (left !== null) throw wrongPassphrase(left);
    if (given === passphrase) {
      wrong = 0;
      notBefore = null;
      return;
    }
    wrong += 1;
    const wait = waitAfter(wrong);
    notBefore = wait === null ? null : Date.now() + wait * 1000;
    throw wrongPassphrase(wait);
  };

  const commands: LockCommands = {
    lock_status: status,
    unlock_app: (args) => {
      if (passphrase === null) throw notSet;
      check(args.passphrase);
      locked = false;
      return status();
    },
    lock_app: () => {
      if (passphrase === null) throw notSet;
      locked = true;
      return status();
    },
    configure_app_lock: (args) => {
      const input = (args.input ?? {}) as { current?: string | null; newPassphrase?: string | null; idleMinutes?: number | null; onScreenLock?: boolean; cliUnlock?: CliUnlock };
      const minutes = input.idleMinutes ?? null;
      if (minutes !== null && !(minutes >= 1 && minutes <= 240)) throw { code: "contract.invalid_input", message: "idleMinutes: must be between 1 and 240 minutes, or none" };
      if (passphrase !== null) {
        if (input.current == null) throw { code: "contract.invalid_input", message: "current: is required: a lock is set, and only its passphrase changes it" };
        check(input.current);
      } else if (input.newPassphrase == null) {
        throw { code: "contract.invalid_input", message: "newPassphrase: is required to set a lock" };
      }
      if (input.newPassphrase != null) {
        const reason = weakness(input.newPassphrase);
        if (reason) throw { code: "lock.passphrase_weak", message: `this passphrase is too weak for the app lock: ${reason}. Choose at least 12 characters that are hard to guess, for example four or five unrelated words` };
        passphrase = input.newPassphrase;
      }
      idleMinutes = minutes;
      onScreenLock = input.onScreenLock ?? false;
      cliUnlock = input.cliUnlock ?? "ask";
      return status();
    },
    remove_app_lock: (args) => {
      if (passphrase === null) throw notSet;
      check(args.current);
      passphrase = null;
      locked = false;
      return status();
    },
  };

  return {
    commands,
    /** Whether the core refuses `cmd` now (locked, and not one of the lock's own commands). */
    refuses: (cmd: string) => locked && !ANSWERED_WHILE_LOCKED.has(cmd) && !cmd.startsWith("plugin:"),
    /** The desktop session's screen locked: the core locks (when asked to) and says what the `app:locked` event carries. */
    screenLocked(): LockStatus {
      if (passphrase !== null && onScreenLock) locked = true;
      return status();
    },
    /** Locks as another process would, without telling the window (the next command finds out). */
    lockSilently() {
      locked = true;
    },
    isLocked: () => locked,
  };
}
