// Settings → Alerts against the fake core's alert centre: the form starts from the core's settings, a switch turned
// off sends null and one turned on fills in the core's default, amounts go as the exact decimal text typed, the core's
// refusal is shown in its words with the form kept, and the alert centre follows what was saved.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { AlertSettings } from "../../bindings/AlertSettings";
import { DEFAULT_ALERT_SETTINGS } from "../../test/fake-alerts";
import { fakeCore, recordingCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";

async function openAlertSettings(core: ReturnType<typeof fakeCore>) {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
  fireEvent.click(screen.getByRole("button", { name: "Settings" }));
  const card = await waitFor(() => {
    const found = document.querySelector("#alert-settings form") as HTMLElement | null;
    expect(found).toBeTruthy();
    return found!.closest("#alert-settings") as HTMLElement;
  });
  return within(card);
}

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });
const checkbox = (card: ReturnType<typeof within>, name: string) => card.getByRole("checkbox", { name }) as HTMLInputElement;
const field = (card: ReturnType<typeof within>, name: string) => card.getByLabelText(name) as HTMLInputElement;
const preset = (core: ReturnType<typeof fakeCore>, settings: Partial<AlertSettings>) => core.call("set_alert_settings", { input: { ...DEFAULT_ALERT_SETTINGS, ...settings } });

describe("Settings, Alerts", () => {
  it("starts from the core's settings, with the base currency beside the amounts", async () => {
    const core = fakeCore("demo");
    preset(core, { notify: false, consentEndingDays: 12, staleAfterDays: null, largeMovement: "2500.75" });
    const card = await openAlertSettings(core);
    expect(screen.getByRole("heading", { name: "Alerts", level: 2 })).toBeTruthy();
    expect(checkbox(card, "Desktop notifications").checked).toBe(false);
    expect(card.getByText(/never names an account, an amount or a bank/)).toBeTruthy();
    expect(checkbox(card, "Consent ending").checked).toBe(true);
    expect(field(card, "Days before a consent ends").value).toBe("12");
    expect(checkbox(card, "A connection needs you").checked).toBe(true);
    expect(checkbox(card, "Stale data").checked).toBe(false);
    expect(field(card, "Days without a bank sync").value).toBe("");
    expect(field(card, "Days without a bank sync").disabled).toBe(true);
    expect(checkbox(card, "A balance that disagrees with its transactions").checked).toBe(true);
    expect(checkbox(card, "Large movement").checked).toBe(true);
    expect(field(card, "Large movement threshold").value).toBe("2500.75");
    expect(checkbox(card, "Current account below").checked).toBe(false);
    expect(field(card, "Low balance threshold").disabled).toBe(true);
    expect([...document.querySelectorAll("#alert-settings [data-currency]")].map((code) => code.textContent)).toEqual(["EUR", "EUR"]);
    expect(card.getByText(/counted in EUR, the base currency/)).toBeTruthy();
  });

  it("sends null for a switch turned off, and fills in the core's default when it is turned on again", async () => {
    const { core, sent } = recordingCore("demo", ["set_alert_settings"]);
    const card = await openAlertSettings(core);
    fireEvent.click(checkbox(card, "Consent ending"));
    fireEvent.click(checkbox(card, "Stale data"));
    fireEvent.click(checkbox(card, "Desktop notifications"));
    expect(field(card, "Days before a consent ends").disabled).toBe(true);
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    await card.findByRole("status");
    expect(sent.set_alert_settings).toEqual([{ ...DEFAULT_ALERT_SETTINGS, notify: false, consentEndingDays: null, staleAfterDays: null }]);
    expect(core.alerts.settings().staleAfterDays).toBeNull();

    fireEvent.click(checkbox(card, "Consent ending"));
    fireEvent.click(checkbox(card, "Stale data"));
    expect(field(card, "Days before a consent ends").value).toBe("30");
    expect(field(card, "Days without a bank sync").value).toBe("2");
    expect(card.queryByRole("status"), "an edit since the save is not saved yet").toBeNull();
  });

  it("shows the core's refusal of a day count in its words and keeps the form as typed", async () => {
    const { core, sent } = recordingCore("demo", ["set_alert_settings"]);
    const card = await openAlertSettings(core);
    type(field(card, "Days without a bank sync"), "45");
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    const refused = await card.findByRole("alert");
    expect(refused.getAttribute("data-code")).toBe("contract.invalid_input");
    expect(refused.textContent).toContain("invalid value for `staleAfterDays`: is 45; choose 1 to 30 days, or switch the alert off");
    expect(refused.textContent).toContain("Nothing was saved. Correct the value, then save again.");
    expect(sent.set_alert_settings).toEqual([{ ...DEFAULT_ALERT_SETTINGS, staleAfterDays: 45 }]);
    expect(field(card, "Days without a bank sync").value).toBe("45");
    expect(checkbox(card, "Stale data").checked).toBe(true);
    expect(card.queryByRole("status")).toBeNull();
    expect(core.alerts.settings().staleAfterDays, "the core kept what it had").toBe(2);

    type(field(card, "Days without a bank sync"), "5");
    expect(card.queryByRole("alert"), "an edit clears the refusal").toBeNull();
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    await card.findByRole("status");
    expect(core.alerts.settings().staleAfterDays).toBe(5);
  });

  it("sends amounts as the exact decimal text typed, a negative one for an overdraft, and says it saved them", async () => {
    const { core, sent } = recordingCore("demo", ["set_alert_settings"]);
    const card = await openAlertSettings(core);
    fireEvent.click(checkbox(card, "Large movement"));
    fireEvent.click(checkbox(card, "Current account below"));
    expect(field(card, "Large movement threshold").value, "no default threshold").toBe("");
    type(field(card, "Large movement threshold"), "5000.50");
    type(field(card, "Low balance threshold"), "-200");
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    expect((await card.findByRole("status")).textContent).toBe("The alert settings are saved: the alert centre follows them from now on.");
    expect(sent.set_alert_settings).toEqual([{ ...DEFAULT_ALERT_SETTINGS, largeMovement: "5000.50", lowBalance: "-200" }]);
    expect(typeof sent.set_alert_settings[0].largeMovement).toBe("string");
    // The form shows what the core kept, in its writing.
    await waitFor(() => expect(field(card, "Large movement threshold").value).toBe("5000.5"));
    expect(core.alerts.settings()).toMatchObject({ largeMovement: "5000.5", lowBalance: "-200" });

    // A comma and grouped digits, as a French keyboard types them, go as the same exact text with a point.
    type(field(card, "Large movement threshold"), "12 000,05");
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    await waitFor(() => expect(sent.set_alert_settings).toHaveLength(2));
    expect(sent.set_alert_settings[1].largeMovement).toBe("12000.05");
  });

  it("asks for an amount before sending a threshold switched on without one, or not written as one", async () => {
    const { core, sent } = recordingCore("demo", ["set_alert_settings"]);
    const card = await openAlertSettings(core);
    fireEvent.click(checkbox(card, "Large movement"));
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    expect((await card.findByRole("alert")).textContent).toBe("Write the large movement threshold as an amount, such as 5000.00.");
    expect(field(card, "Large movement threshold").getAttribute("aria-invalid")).toBe("true");
    type(field(card, "Large movement threshold"), "5e3");
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    expect((await card.findByRole("alert")).textContent).toBe("Write the large movement threshold as an amount, such as 5000.00.");
    type(field(card, "Days before a consent ends"), "2.5");
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    expect((await card.findByRole("alert")).textContent).toBe("Write the days before a consent ends as a whole number, such as 30.");
    expect(sent.set_alert_settings).toEqual([]);
    expect(core.calls).not.toContain("set_alert_settings");
  });

  it("makes the alert centre follow what was saved: the money alerts appear on the Connections screen", async () => {
    const core = fakeCore("demo");
    const card = await openAlertSettings(core);
    fireEvent.click(checkbox(card, "Large movement"));
    fireEvent.click(checkbox(card, "Current account below"));
    type(field(card, "Large movement threshold"), "3000");
    type(field(card, "Low balance threshold"), "2000");
    fireEvent.click(card.getByRole("button", { name: "Save the alert settings" }));
    await card.findByRole("status");
    fireEvent.click(screen.getByRole("button", { name: "Connections" }));
    const low = await waitFor(() => {
      const found = document.querySelector('#alert-centre [data-alert-kind="money.low_balance"]') as HTMLElement | null;
      expect(found).toBeTruthy();
      return found!;
    });
    expect(low.textContent).toContain("Compte de dépôt (BNP Paribas): the balance is 1452.56 EUR, below your threshold of 2000 EUR.");
    expect(document.querySelector('#alert-centre [data-alert-kind="money.large_movement"]')!.textContent).toContain("a movement of 3800.00 EUR");
  });

  it("speaks French", async () => {
    localStorage.setItem("pfo.language", "fr");
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Réglages" }));
    const card = within(await waitFor(() => {
      const found = document.querySelector("#alert-settings form") as HTMLElement | null;
      expect(found).toBeTruthy();
      return found!;
    }));
    expect(checkbox(card, "Notifications du bureau").checked).toBe(true);
    expect(checkbox(card, "Compte courant en dessous de")).toBeTruthy();
    expect(field(card, "Jours sans synchronisation de la banque").value).toBe("2");
    expect(card.getByRole("button", { name: "Enregistrer les réglages des alertes" })).toBeTruthy();
    expect(card.getByText(/ne nomme jamais un compte, un montant ni une banque/)).toBeTruthy();
  });
});
