// Settings → App lock against the fake core's lock: setting one, changing it and its settings, removing it, with the
// core's refusals in its own words.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { LockStatus } from "../../bindings/LockStatus";
import { fakeCore } from "../../test/fake-core";
import type { FakeLockOptions } from "../../test/fake-lock";
import { renderWith } from "../../test/render";

const PASSPHRASE = "correct horse battery staple";
const NEW_PASSPHRASE = "violet kettle orbit harbour";

async function openLockSettings(core: ReturnType<typeof fakeCore>) {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
  fireEvent.click(screen.getByRole("button", { name: "Settings" }));
  const card = await waitFor(() => {
    const found = document.querySelector("#app-lock-settings") as HTMLElement | null;
    expect(found).toBeTruthy();
    return found!;
  });
  return within(card);
}

const unlockedLock = (options: FakeLockOptions = {}) => fakeCore("demo", {}, { lock: { passphrase: PASSPHRASE, locked: false, ...options } });
const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });
/** The fake core's lock as it stands (its `lock_status` answers at once). */
const status = (core: ReturnType<typeof fakeCore>) => core.call("lock_status", {}) as LockStatus;

describe("Settings, App lock", () => {
  it("says what the lock protects, and sets a first one after the window's and the core's checks", async () => {
    const core = fakeCore("demo");
    const card = await openLockSettings(core);
    expect(card.getByText(/open this window and the pfo command line\. The database stays encrypted either way, with its key in the OS keyring/)).toBeTruthy();
    expect(card.getByText(/reads it from standard input/)).toBeTruthy();
    const first = card.getByLabelText("New lock passphrase") as HTMLInputElement;
    const again = card.getByLabelText("The new lock passphrase again") as HTMLInputElement;
    expect(first.type).toBe("password");

    type(first, "short");
    type(again, "short");
    fireEvent.click(card.getByRole("button", { name: "Set the lock" }));
    expect(card.getByRole("alert").textContent).toBe("The passphrase needs at least 12 characters.");
    expect(core.calls).not.toContain("configure_app_lock");

    type(first, PASSPHRASE);
    type(again, `${PASSPHRASE}!`);
    fireEvent.click(card.getByRole("button", { name: "Set the lock" }));
    expect(card.getByRole("alert").textContent).toBe("The two passphrases differ.");

    // Long enough, but the core's strength rule (the backups') finds it guessable: its words, as they are.
    type(first, "password1234");
    type(again, "password1234");
    fireEvent.click(card.getByRole("button", { name: "Set the lock" }));
    const weak = await card.findByText(/this passphrase is too weak for the app lock: it is easy to guess/);
    expect(weak.closest("[data-code]")!.getAttribute("data-code")).toBe("lock.passphrase_weak");
    expect(first.value).toBe("");

    type(first, PASSPHRASE);
    type(again, PASSPHRASE);
    fireEvent.change(card.getByLabelText("Idle time before locking"), { target: { value: "5" } });
    fireEvent.click(card.getByLabelText("The command line asks for the passphrase"));
    fireEvent.click(card.getByRole("button", { name: "Set the lock" }));
    expect((await card.findByRole("status")).textContent).toBe("The lock is set. Ctrl+L or the Lock button locks the window now.");
    expect(status(core)).toMatchObject({ enabled: true, locked: false, idleMinutes: 5, onScreenLock: true, cliUnlock: "skip" });
    // Setting a lock does not lock: the lock button appears, the screens stay.
    expect(screen.getByRole("button", { name: "Lock" })).toBeTruthy();
    expect(card.getByRole("heading", { name: "Change the lock" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Settings" })).toBeTruthy();
  });

  it("changes the lock's settings and passphrase with the current passphrase, refusing a wrong one", async () => {
    const core = unlockedLock({ idleMinutes: 15, onScreenLock: true });
    const card = await openLockSettings(core);
    expect((card.getByLabelText("Idle time before locking") as HTMLSelectElement).value).toBe("15");
    expect((card.getByLabelText("Lock when the screen locks") as HTMLInputElement).checked).toBe(true);
    expect((card.getByLabelText("The command line asks for the passphrase") as HTMLInputElement).checked).toBe(true);

    fireEvent.change(card.getByLabelText("Idle time before locking"), { target: { value: "never" } });
    fireEvent.click(card.getByLabelText("Lock when the screen locks"));
    type(card.getByLabelText("Current lock passphrase"), "not the one");
    fireEvent.click(card.getByRole("button", { name: "Save the lock's settings" }));
    const wrong = await card.findByText("that is not the app lock's passphrase");
    expect(wrong.closest("[data-code]")!.getAttribute("data-code")).toBe("lock.passphrase_wrong");
    expect(status(core)).toMatchObject({ idleMinutes: 15, onScreenLock: true });
    expect((card.getByLabelText("Current lock passphrase") as HTMLInputElement).value).toBe("");

    type(card.getByLabelText("Current lock passphrase"), PASSPHRASE);
    fireEvent.click(card.getByRole("button", { name: "Save the lock's settings" }));
    expect((await card.findByRole("status")).textContent).toBe("The lock's settings are saved.");
    expect(status(core)).toMatchObject({ idleMinutes: null, onScreenLock: false, cliUnlock: "ask" });

    type(card.getByLabelText("New lock passphrase"), NEW_PASSPHRASE);
    type(card.getByLabelText("The new lock passphrase again"), "violet kettle");
    type(card.getByLabelText("Current lock passphrase"), PASSPHRASE);
    fireEvent.click(card.getByRole("button", { name: "Save the lock's settings" }));
    expect(card.getByRole("alert").textContent).toBe("The two passphrases differ.");
    type(card.getByLabelText("The new lock passphrase again"), NEW_PASSPHRASE);
    fireEvent.click(card.getByRole("button", { name: "Save the lock's settings" }));
    expect((await card.findByRole("status")).textContent).toBe("The lock's passphrase and settings are saved.");
    expect(() => core.call("unlock_app", { passphrase: PASSPHRASE })).toThrow();
    expect(core.call("unlock_app", { passphrase: NEW_PASSPHRASE })).toMatchObject({ locked: false });
  });

  it("disables the screen-lock switch, saying why, where the desktop does not report screen locks", async () => {
    const card = await openLockSettings(unlockedLock({ screenLockSupported: false }));
    expect((card.getByLabelText("Lock when the screen locks") as HTMLInputElement).disabled).toBe(true);
    expect(card.getByText("This desktop does not tell the app when its screen locks.")).toBeTruthy();
  });

  it("offers an idle time set elsewhere among the choices", async () => {
    const card = await openLockSettings(unlockedLock({ idleMinutes: 240 }));
    const idle = card.getByLabelText("Idle time before locking") as HTMLSelectElement;
    expect(idle.value).toBe("240");
    expect([...idle.options].map((o) => o.textContent)).toEqual(["Never", "1 minute", "5 minutes", "15 minutes", "30 minutes", "60 minutes", "240 minutes"]);
  });

  it("removes the lock with its passphrase, and the lock button goes", async () => {
    const core = unlockedLock();
    const card = await openLockSettings(core);
    expect(screen.getByRole("button", { name: "Lock" })).toBeTruthy();
    type(card.getByLabelText("Passphrase of the lock to remove"), "wrong one");
    fireEvent.click(card.getByRole("button", { name: "Remove the lock" }));
    expect((await card.findByText("that is not the app lock's passphrase")).closest("[data-code]")!.getAttribute("data-code")).toBe("lock.passphrase_wrong");
    expect(status(core).enabled).toBe(true);

    type(card.getByLabelText("Passphrase of the lock to remove"), PASSPHRASE);
    fireEvent.click(card.getByRole("button", { name: "Remove the lock" }));
    expect((await card.findByRole("status")).textContent).toBe("The lock is removed: the window and pfo open without a passphrase.");
    expect(status(core).enabled).toBe(false);
    expect(screen.queryByRole("button", { name: "Lock" })).toBeNull();
    expect(card.getByRole("heading", { name: "Set a lock" })).toBeTruthy();
  });
});
