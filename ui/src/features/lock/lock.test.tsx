// The app lock in the window, against the fake core's lock: nothing of the household behind the lock screen, wrong
// passphrases and the wait, the privacy switch held on while locked, locking by hand, by idle time, by the core's
// event and by a refused command.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { COMMANDS } from "../../test/core-contract";
import { fakeCore, type Command } from "../../test/fake-core";
import type { FakeLockOptions } from "../../test/fake-lock";
import { renderWith } from "../../test/render";

const PASSPHRASE = "correct horse battery staple";

function coreWithLock(lock: FakeLockOptions = {}, overrides: Parameters<typeof fakeCore>[1] = {}) {
  return fakeCore("demo", overrides, { lock: { passphrase: PASSPHRASE, ...lock } });
}

/** The commands of the core the window sent (Tauri's event plugin and the fake's own notes left out). */
const commandsSent = (core: ReturnType<typeof fakeCore>) => core.calls.filter((call) => call in COMMANDS);

function typePassphrase(passphrase: string) {
  const field = screen.getByLabelText("App lock passphrase") as HTMLInputElement;
  fireEvent.change(field, { target: { value: passphrase } });
  // Enter in the field submits its form.
  fireEvent.submit(field.form!);
}

const lockScreen = () => document.querySelector("#lock-screen");

afterEach(() => {
  vi.useRealTimers();
});

describe("the app lock", () => {
  it("starts on the lock screen alone, asking the core nothing but the lock's status", async () => {
    const core = coreWithLock();
    renderWith(core);
    expect(await screen.findByRole("heading", { name: "Pocket Family Office" })).toBeTruthy();
    expect(screen.getByText("Locked. Enter the app lock's passphrase to open it.")).toBeTruthy();
    await new Promise((settled) => setTimeout(settled, 50));
    expect(commandsSent(core)).toEqual(["lock_status"]);
    expect(document.querySelector(".app, nav, main")).toBeNull();
    expect(document.body.textContent).not.toMatch(/\d/);
    expect(screen.queryByText(/Demo household/)).toBeNull();
    const field = screen.getByLabelText("App lock passphrase") as HTMLInputElement;
    expect(field.type).toBe("password");
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(field.type).toBe("text");
    expect(screen.getByRole("button", { name: "Show" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("unlocks with the passphrase, then mounts the screens, which read from the core", async () => {
    const core = coreWithLock();
    renderWith(core);
    await screen.findByLabelText("App lock passphrase");
    typePassphrase(PASSPHRASE);
    expect(await screen.findByText("Compte de dépôt")).toBeTruthy();
    expect(lockScreen()).toBeNull();
    const sent = commandsSent(core);
    expect(sent.indexOf("unlock_app")).toBeLessThan(sent.indexOf("app_status"));
    expect(core.lock.isLocked()).toBe(false);
  });

  it("says a passphrase is wrong, clears it, and after three makes the next try wait, counting down", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const core = coreWithLock();
    renderWith(core);
    const field = (await screen.findByLabelText("App lock passphrase")) as HTMLInputElement;
    typePassphrase("not it at all");
    expect((await screen.findByRole("alert")).textContent).toBe("That is not the app lock's passphrase. It is case sensitive.");
    expect(field.value).toBe("");
    expect(screen.queryByRole("status")).toBeNull();
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await waitFor(() => expect(field.disabled).toBe(false));
      typePassphrase(`still wrong ${attempt}`);
      await waitFor(() => expect(core.calls.filter((c) => c === "unlock_app")).toHaveLength(attempt));
    }
    // The fourth wrong one: 5 seconds before the next try.
    expect((await screen.findByRole("status")).textContent).toBe("Too many wrong passphrases: try again in 5 seconds.");
    expect(field.disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Unlock" }) as HTMLButtonElement).disabled).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole("status").textContent).toMatch(/try again in [23] seconds/);
    await act(() => vi.advanceTimersByTimeAsync(3500));
    await waitFor(() => expect(field.disabled).toBe(false));
    expect(screen.queryByRole("status")).toBeNull();
    typePassphrase(PASSPHRASE);
    expect(await screen.findByText("Compte de dépôt")).toBeTruthy();
  });

  it("starts counting down when the core already makes the next try wait", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const core = coreWithLock();
    // Four wrong ones before the window (re)opened: it opens during the wait.
    for (const wrong of ["a", "b", "c", "d"]) expect(() => core.call("unlock_app", { passphrase: wrong })).toThrow();
    renderWith(core);
    expect((await screen.findByRole("status")).textContent).toBe("Too many wrong passphrases: try again in 5 seconds.");
    expect((screen.getByLabelText("App lock passphrase") as HTMLInputElement).disabled).toBe(true);
  });

  it("holds the privacy switch on while locked, and gives back the person's own choice after", async () => {
    const core = coreWithLock();
    renderWith(core);
    await screen.findByLabelText("App lock passphrase");
    expect(document.documentElement.getAttribute("data-privacy")).toBe("on");
    expect(localStorage.getItem("pfo.privacy")).toBe("off");
    typePassphrase(PASSPHRASE);
    const loan = await waitFor(() => {
      const cell = document.querySelector('[data-account-id="powens:2"] .amount');
      expect(cell?.textContent).toMatch(/120.000[.,]50/);
      return cell!;
    });
    expect(loan).toBeTruthy();
    expect(document.documentElement.getAttribute("data-privacy")).toBe("off");

    // Chosen on, it stays on after a lock and an unlock; the stored choice is never touched by the lock.
    fireEvent.click(screen.getByRole("button", { name: "Hide amounts" }));
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    await screen.findByLabelText("App lock passphrase");
    expect(localStorage.getItem("pfo.privacy")).toBe("on");
    typePassphrase(PASSPHRASE);
    await screen.findByText("Compte de dépôt");
    expect(document.documentElement.getAttribute("data-privacy")).toBe("on");
    fireEvent.click(screen.getByRole("button", { name: "Show amounts" }));
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    await screen.findByLabelText("App lock passphrase");
    expect(document.documentElement.getAttribute("data-privacy")).toBe("on");
    expect(localStorage.getItem("pfo.privacy")).toBe("off");
  });

  it("locks with Ctrl+L, the lock button and the palette, and reads afresh after unlocking", async () => {
    const core = coreWithLock({ locked: false });
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    await screen.findByLabelText("App lock passphrase");
    expect(screen.queryByText("Compte de dépôt")).toBeNull();
    expect(core.calls).toContain("lock_app");
    expect(core.lock.isLocked()).toBe(true);
    const readsBefore = core.calls.filter((c) => c === "list_accounts").length;
    typePassphrase(PASSPHRASE);
    await screen.findByText("Compte de dépôt");
    expect(core.calls.filter((c) => c === "list_accounts").length).toBeGreaterThan(readsBefore);

    fireEvent.click(screen.getByRole("button", { name: "Lock" }));
    await screen.findByLabelText("App lock passphrase");
    typePassphrase(PASSPHRASE);
    await screen.findByText("Compte de dépôt");

    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    fireEvent.change(await screen.findByPlaceholderText("Type a command or a screen…"), { target: { value: "lock" } });
    expect(screen.getByRole("option", { name: /Lock now/ })).toBeTruthy();
    fireEvent.keyDown(screen.getByPlaceholderText("Type a command or a screen…"), { key: "Enter" });
    await screen.findByLabelText("App lock passphrase");
  });

  it("offers no lock button, palette entry or Ctrl+L while no lock is set", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    expect(screen.queryByRole("button", { name: "Lock" })).toBeNull();
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    fireEvent.change(await screen.findByPlaceholderText("Type a command or a screen…"), { target: { value: "lock" } });
    expect(screen.queryByRole("option", { name: /Lock now/ })).toBeNull();
    expect(core.calls).not.toContain("lock_app");
    expect(lockScreen()).toBeNull();
  });

  it("locks after the idle time without input, a running refresh not counting as activity", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let finish: () => void = () => {};
    const plain = fakeCore("demo");
    const slow: Command<"refresh"> = (args) => new Promise((resolve) => (finish = () => resolve(plain.call("refresh", args))));
    const core = coreWithLock({ locked: false, idleMinutes: 5 }, { refresh: slow });
    renderWith(core);
    // The demo's first start refreshes by itself: it runs on while nobody touches the window.
    await screen.findByRole("button", { name: "Refreshing…" });
    await act(() => vi.advanceTimersByTimeAsync(4 * 60_000));
    await emit("sync:progress", { kind: "started", workflow: "pfo.workflow.sync-openbanking-transactions", step: 2, steps: 3 });
    expect(lockScreen()).toBeNull();
    fireEvent.pointerMove(window);
    await act(() => vi.advanceTimersByTimeAsync(4 * 60_000));
    expect(lockScreen()).toBeNull();
    fireEvent.keyDown(document.body, { key: "a" });
    await act(() => vi.advanceTimersByTimeAsync(4 * 60_000 + 59_000));
    expect(lockScreen()).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await screen.findByLabelText("App lock passphrase");
    expect(core.calls).toContain("lock_app");
    finish();
  });

  it("shows the lock screen at once when the core says it locked (the screen locked)", async () => {
    const core = coreWithLock({ locked: false, onScreenLock: true });
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    await act(() => emit("app:locked", core.lock.screenLocked()));
    await screen.findByLabelText("App lock passphrase");
    expect(screen.queryByText("Compte de dépôt")).toBeNull();
    expect(core.calls).not.toContain("lock_app");
  });

  it("switches to the lock screen, not an error, when a command is refused because the app is locked", async () => {
    const core = coreWithLock({ locked: false });
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    // Locked from elsewhere between two calls: the window finds out from the next one.
    core.lock.lockSilently();
    fireEvent.click(screen.getByRole("button", { name: "Transactions" }));
    await screen.findByLabelText("App lock passphrase");
    expect(document.querySelector('[data-code="app.locked"]')).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    typePassphrase(PASSPHRASE);
    expect(await screen.findByRole("heading", { name: "Transactions" })).toBeTruthy();
  });

  it("locks, too, when an action is refused because the app is locked", async () => {
    const core = coreWithLock({ locked: false });
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    core.lock.lockSilently();
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    await screen.findByLabelText("App lock passphrase");
    expect(document.querySelector('[data-code="app.locked"]')).toBeNull();
  });
});
