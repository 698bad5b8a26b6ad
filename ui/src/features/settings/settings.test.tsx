// Settings against the fake core: the integration, exchange rates, connecting Powens, webhooks, backup and restore.
import { describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { fakeCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";

describe("Settings", () => {
  it("shows the integration in Settings, secrets only as stored or not, and the way out of demo", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(await screen.findByText("Powens open banking")).toBeTruthy();
    expect(document.querySelector("#demo-way-out")!.textContent).toContain("pfo connect powens");
    expect(document.querySelector('[data-secret="clientSecret"]')!.textContent).toContain("not stored");
    cleanup();
    renderWith(fakeCore("live"));
    fireEvent.click(await screen.findByRole("button", { name: "Settings" }));
    await screen.findByText("Powens open banking");
    expect(document.querySelector('[data-field="baseUrl"]')!.textContent).toContain("https://acme.biapi.pro/2.0");
    expect(document.querySelector('[data-secret="clientSecret"]')!.textContent).toBe("clientSecret *storedPowens OAuth client secret");
    expect(document.querySelector("#demo-way-out")).toBeNull();
  });

  it("sets the base currency and exchange rates in Settings, refusing a bad rate with the core's words", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(await screen.findByText(/No rate yet/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Rate currency"), { target: { value: "usd" } });
    fireEvent.change(screen.getByLabelText("Rate"), { target: { value: "0.92" } });
    fireEvent.change(screen.getByLabelText("Rate date"), { target: { value: "2026-11-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Add rate" }));
    const row = await waitFor(() => {
      const found = document.querySelector('[data-rate="USD-2026-11-01"]') as HTMLElement | null;
      expect(found).toBeTruthy();
      return found!;
    });
    expect(row.textContent).toContain("0.92");

    fireEvent.change(screen.getByLabelText("Rate currency"), { target: { value: "CHF" } });
    fireEvent.change(screen.getByLabelText("Rate"), { target: { value: "-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Add rate" }));
    expect(await screen.findByText(/is not a positive decimal number/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Remove the USD rate of 2026-11-01" }));
    await waitFor(() => expect(document.querySelector('[data-rate="USD-2026-11-01"]')).toBeNull());
    fireEvent.change(screen.getByLabelText("Base currency"), { target: { value: "CHF" } });
    await waitFor(() => expect((screen.getByLabelText("Base currency") as HTMLSelectElement).value).toBe("CHF"));
  });

  it("connects a Powens domain from Settings, never keeping the secret in the form", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    fireEvent.change(await screen.findByLabelText("API base URL"), { target: { value: "https://acme.biapi.pro/2.0" } });
    fireEvent.change(screen.getByLabelText("Client id"), { target: { value: "client-1" } });
    const secret = screen.getByLabelText("Client secret") as HTMLInputElement;
    expect(secret.type).toBe("password");
    fireEvent.change(secret, { target: { value: "wrong-secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(await screen.findByText(/Powens refused the client id and secret/)).toBeTruthy();
    expect(secret.value).toBe(""); // the secret left the form

    fireEvent.change(secret, { target: { value: "right-secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    // The window switches to the live profile by itself: no restart asked for.
    expect((await screen.findByText(/Connected: 2 bank connections found/)).textContent).not.toContain("Restart the app");
    expect(core.calls.filter((c) => c === "configure:https://acme.biapi.pro/2.0")).toHaveLength(2);
    expect(secret.value).toBe("");
  });

  it("sends the region and webhook secret with the connect form and clears the secrets", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    fireEvent.change(await screen.findByLabelText("API base URL"), { target: { value: "https://acme.biapi.pro/2.0" } });
    fireEvent.change(screen.getByLabelText("Client id"), { target: { value: "client-1" } });
    fireEvent.change(screen.getByLabelText("Client secret"), { target: { value: "right-secret" } });
    fireEvent.change(screen.getByLabelText("Region (optional)"), { target: { value: "eu" } });
    const hook = screen.getByLabelText("Webhook secret (optional)") as HTMLInputElement;
    const apiKey = screen.getByLabelText("API key (optional)") as HTMLInputElement;
    expect(hook.type).toBe("password");
    expect(apiKey.type).toBe("password");
    fireEvent.change(hook, { target: { value: "whsec-1" } });
    fireEvent.change(apiKey, { target: { value: "key-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    await screen.findByText(/Connected: 2 bank connections found/);
    expect(core.calls).toContain("configure-webhook-secret:eu");
    expect(hook.value).toBe("");
    expect(apiKey.value).toBe("");
  });

  it("explains why the webhook receiver cannot start without a webhook secret", async () => {
    const demo = fakeCore("demo");
    renderWith(demo);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    fireEvent.click(await screen.findByLabelText("Receive webhooks on this computer"));
    expect(await screen.findByText(/webhookSecret/)).toBeTruthy();
    expect(screen.getByText(/SSH reverse tunnel/)).toBeTruthy();
  });

  it("starts and stops the webhook receiver and shows where to relay deliveries", async () => {
    const live = fakeCore("live");
    renderWith(live);
    fireEvent.click(await screen.findByRole("button", { name: "Settings" }));
    const toggle = (await screen.findByLabelText("Receive webhooks on this computer")) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    expect(await screen.findByText("Listening on http://127.0.0.1:8741")).toBeTruthy();
    expect(screen.getByText("http://127.0.0.1:8741/webhooks/powens/CONNECTION_SYNCED")).toBeTruthy();
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(live.calls).toContain("stop_webhook_receiver");
    expect(screen.getByText(/openbanking.transactions.read \(disabled in tenant.toml\)/)).toBeTruthy();
  });

  it("backs up from Settings, refusing mismatched or weak passphrases and never keeping them in the form", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    const first = (await screen.findByLabelText("Backup passphrase")) as HTMLInputElement;
    const again = screen.getByLabelText("The same passphrase again") as HTMLInputElement;
    expect(first.type).toBe("password");
    expect(again.type).toBe("password");
    fireEvent.change(first, { target: { value: "short" } });
    fireEvent.change(again, { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Back up…" }));
    expect(await screen.findByText("The passphrase needs at least 12 characters.")).toBeTruthy();
    fireEvent.change(first, { target: { value: "tulip harbour seventeen" } });
    fireEvent.change(again, { target: { value: "tulip harbour seventeem" } });
    fireEvent.click(screen.getByRole("button", { name: "Back up…" }));
    expect(await screen.findByText("The two passphrases differ.")).toBeTruthy();
    expect(core.calls).not.toContain("create_backup");

    fireEvent.change(first, { target: { value: "passwordpassword" } });
    fireEvent.change(again, { target: { value: "passwordpassword" } });
    fireEvent.click(screen.getByRole("button", { name: "Back up…" }));
    const refused = await screen.findByRole("alert");
    expect(refused.getAttribute("data-code")).toBe("backup.passphrase_weak");
    expect(refused.textContent).toContain("Nothing was written");
    expect(first.value).toBe(""); // the passphrase left the form, whatever the answer
    expect(again.value).toBe("");

    fireEvent.change(first, { target: { value: "tulip harbour seventeen" } });
    fireEvent.change(again, { target: { value: "tulip harbour seventeen" } });
    fireEvent.click(screen.getByRole("button", { name: "Back up…" }));
    const written = await screen.findByText(/Backup written to/);
    expect(written.textContent).toContain("pocket-family-office-demo-2026-11-25.pfobackup");
    expect(written.textContent).toContain("5234 transactions");
    expect(written.textContent).not.toContain("tulip");
    expect(first.value).toBe("");
  });

  it("restores from Settings only after a confirmation, keeps the data on a wrong passphrase, then reads everything again", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    fireEvent.change(await screen.findByLabelText("Backup file"), { target: { value: "/media/usb/household.pfobackup" } });
    const passphrase = screen.getByLabelText("Passphrase of the backup") as HTMLInputElement;
    fireEvent.change(passphrase, { target: { value: "wrong passphrase here" } });
    fireEvent.click(screen.getByRole("button", { name: "Restore…" }));
    expect(core.calls).not.toContain("restore_backup"); // a confirmation first
    expect(screen.getByText(/kept aside, not deleted/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Replace with the backup" }));
    const refused = await screen.findByRole("alert");
    expect(refused.getAttribute("data-code")).toBe("backup.passphrase_wrong");
    expect(refused.textContent).toContain("Your current data was not changed.");
    expect(passphrase.value).toBe("");

    fireEvent.change(screen.getByLabelText("Passphrase of the backup"), { target: { value: "right passphrase here" } });
    fireEvent.click(screen.getByRole("button", { name: "Restore…" }));
    const statusCalls = core.calls.filter((c) => c === "app_status").length;
    fireEvent.click(screen.getByRole("button", { name: "Replace with the backup" }));
    const restored = await screen.findByText(/Restored: 10 accounts, 5234 transactions, 40 balance snapshots/);
    expect(restored.textContent).toContain("pfo.db.before-restore-2026-11-25T100000Z");
    // The core swapped in the restored store: the screens ask it again.
    await waitFor(() => expect(core.calls.filter((c) => c === "app_status").length).toBeGreaterThan(statusCalls));
  });
});
