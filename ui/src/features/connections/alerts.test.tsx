// The alert centre's kinds and its history on the Connections screen, against the fake core: every alert named by
// its kind (the money's too), an account's alert opening that account, and the history of every alert raised,
// folded until opened, newest first, standing or cleared.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Alert } from "../../bindings/Alert";
import { formatInstant } from "../../lib/format";
import type { Output } from "../../test/core-contract";
import { fakeCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";

/** Opens the app on the Connections screen, once the demo household's first refresh brought its banks in. */
async function openConnections(core: ReturnType<typeof fakeCore>) {
  localStorage.setItem("pfo.lastScreen", "connections");
  renderWith(core);
  await waitFor(() => expect(document.querySelector('[data-connection-id="103"]')).toBeTruthy());
  await waitFor(() => expect(document.querySelector("#alert-centre")).toBeTruthy());
}

const alertItem = (kind: string) => document.querySelector(`#alert-centre [data-alert-kind="${kind}"]`) as HTMLElement;
const kindOf = (item: Element) => item.querySelector(".alert-kind")!.textContent;

/** The three money alerts as the core raises them: about an account, with its connection, and no action but the sync of a mismatch. */
const MONEY: Alert[] = [
  { key: "money.low_balance:powens:1", kind: "money.low_balance", needsAction: true, connectionId: "101", accountId: "powens:1", institution: "BNP Paribas", action: null,
    message: "Compte de dépôt (BNP Paribas): the balance is 1452.56 EUR, below your threshold of 2000 EUR." },
  { key: "money.large_movement:powens:1000", kind: "money.large_movement", needsAction: false, connectionId: "101", accountId: "powens:1", institution: "BNP Paribas", action: null,
    message: "Compte de dépôt (BNP Paribas): a movement of 3800.00 EUR on 2026-11-20, at or above your threshold of 3000 EUR." },
  { key: "money.balance_mismatch:powens:4", kind: "money.balance_mismatch", needsAction: false, connectionId: "101", accountId: "powens:4", institution: "BNP Paribas", action: "sync_now",
    message: "Livret A Léa (BNP Paribas): since 2026-10-26 the balance has moved 120.00 EUR away from what its transactions add up to; some may be missing. Sync it now, or check it at the bank." },
];

function withMoneyAlerts() {
  const plain = fakeCore("demo");
  plain.call("refresh", {});
  return fakeCore("demo", {
    list_alerts: (args) => {
      const theirs = plain.call("list_alerts", args) as Output<"list_alerts">;
      return { alerts: [...MONEY.slice(0, 1), ...theirs.alerts, ...MONEY.slice(1)], needsAction: true };
    },
  });
}

describe("the alert centre's kinds", () => {
  it("names every alert by its kind, the connections' and the money's", async () => {
    await openConnections(withMoneyAlerts());
    expect(kindOf(alertItem("consent.ending"))).toBe("Consent ending");
    expect(kindOf(alertItem("connection.needs_user"))).toBe("Connection needs you");
    expect(kindOf(alertItem("data.stale"))).toBe("Stale data");
    expect(kindOf(alertItem("money.low_balance"))).toBe("Low balance");
    expect(kindOf(alertItem("money.large_movement"))).toBe("Large movement");
    expect(kindOf(alertItem("money.balance_mismatch"))).toBe("Balance does not match its transactions");
    expect(alertItem("money.low_balance").getAttribute("data-needs-action")).toBe("true");
    expect(alertItem("money.low_balance").getAttribute("data-alert-account")).toBe("powens:1");
    expect(alertItem("money.low_balance").getAttribute("data-alert-key")).toBe("money.low_balance:powens:1");
    // A connection's alert is about no account: no way to one.
    expect(within(alertItem("consent.ending")).queryByRole("button")).toBeNull();
  });

  it("opens the account an alert is about, and the Accounts screen shows the list again once left", async () => {
    await openConnections(withMoneyAlerts());
    const open = within(alertItem("money.low_balance")).getByRole("button", { name: "Open the account" });
    expect(open.getAttribute("aria-describedby")).toBe(alertItem("money.low_balance").querySelector(".alert-message")!.id);
    fireEvent.click(open);
    expect(await screen.findByRole("heading", { name: "Compte de dépôt", level: 1 })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Accounts" }).getAttribute("aria-current")).toBe("page");

    fireEvent.click(screen.getByRole("button", { name: "Connections" }));
    fireEvent.click(await within(await waitFor(() => alertItem("money.balance_mismatch"))).findByRole("button", { name: "Open the account" }));
    expect(await screen.findByRole("heading", { name: "Livret A Léa", level: 1 })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Connections" }));
    await waitFor(() => expect(alertItem("money.low_balance")).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Accounts" }));
    expect(await screen.findByRole("heading", { name: "Accounts", level: 1 })).toBeTruthy();
  });

  it("names the kinds in French", async () => {
    localStorage.setItem("pfo.language", "fr");
    await openConnections(withMoneyAlerts());
    expect(kindOf(alertItem("money.low_balance"))).toBe("Solde bas");
    expect(kindOf(alertItem("money.large_movement"))).toBe("Mouvement important");
    expect(kindOf(alertItem("money.balance_mismatch"))).toBe("Solde incohérent avec ses opérations");
    expect(kindOf(alertItem("consent.ending"))).toBe("Fin de consentement");
    expect(within(alertItem("money.low_balance")).getByRole("button", { name: "Ouvrir le compte" })).toBeTruthy();
  });
});

describe("the alert history", () => {
  const occurrences = () => [...document.querySelectorAll<HTMLElement>("#alert-history [data-occurrence]")];

  it("is folded until opened, then lists every alert raised, newest first, standing or cleared", async () => {
    const plain = fakeCore("demo");
    plain.call("refresh", {});
    const theirs = plain.call("alert_history", { input: { limit: 100 } }) as Output<"alert_history">;
    const sent: unknown[] = [];
    // Oldest first over the wire: the screen still shows the newest first.
    const core = fakeCore("demo", { alert_history: (args) => (sent.push(args.input), [...theirs].reverse()) });
    await openConnections(core);
    const toggle = screen.getByRole("button", { name: "Show the alert history" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(core.calls, "nothing read while folded").not.toContain("alert_history");

    fireEvent.click(toggle);
    await waitFor(() => expect(occurrences()).toHaveLength(5));
    expect(sent).toEqual([{ limit: 100 }]);
    expect(screen.getByRole("button", { name: "Hide the alert history" }).getAttribute("aria-expanded")).toBe("true");
    expect(occurrences().map((item) => item.getAttribute("data-occurrence"))).toEqual(["5", "4", "3", "2", "1"]);
    expect(occurrences().map((item) => item.getAttribute("data-standing"))).toEqual(["true", "true", "true", "true", "false"]);
    expect(occurrences().map(kindOf)).toEqual(["Consent ending", "Connection needs you", "Stale data", "Large movement", "Bank in trouble"]);

    const [newest, , , , cleared] = occurrences();
    expect(newest.textContent).toContain("Swissquote: the bank consent ends in 20 days (2026-12-15). Renew it to keep refreshing.");
    expect(newest.querySelector(".raised")!.textContent).toBe(`raised ${formatInstant("2026-11-25T08:00:00Z", "en")}`);
    expect(within(newest).getByText("standing")).toBeTruthy();
    expect(cleared.textContent).toContain("Swissquote: The bank's website is down; Powens tries again by itself.");
    expect(cleared.querySelector(".raised")!.textContent).toBe(`raised ${formatInstant("2026-11-18T06:00:00Z", "en")}`);
    expect(cleared.querySelector(".cleared")!.textContent).toBe(`cleared ${formatInstant("2026-11-18T18:00:00Z", "en")}`);
    expect(within(cleared).queryByText("standing")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Hide the alert history" }));
    expect(occurrences()).toHaveLength(0);
  });

  it("says when no alert was raised yet", async () => {
    await openConnections(fakeCore("demo", { alert_history: () => [] }));
    fireEvent.click(screen.getByRole("button", { name: "Show the alert history" }));
    expect(await screen.findByText("No alert was raised yet.")).toBeTruthy();
    expect(occurrences()).toHaveLength(0);
  });

  it("shows the core's error when the history cannot be read", async () => {
    await openConnections(fakeCore("demo", { alert_history: () => Promise.reject({ code: "store.unavailable", message: "the store is busy" }) }));
    fireEvent.click(screen.getByRole("button", { name: "Show the alert history" }));
    const error = await within(document.querySelector("#alert-history") as HTMLElement).findByRole("alert");
    expect(error.getAttribute("data-code")).toBe("store.unavailable");
    expect(error.textContent).toContain("the store is busy");
  });

  it("speaks French", async () => {
    localStorage.setItem("pfo.language", "fr");
    await openConnections(fakeCore("demo"));
    fireEvent.click(screen.getByRole("button", { name: "Afficher l'historique des alertes" }));
    await waitFor(() => expect(occurrences()).toHaveLength(5));
    expect(screen.getByRole("heading", { name: "Historique des alertes" })).toBeTruthy();
    expect(within(occurrences()[0]).getByText("en cours")).toBeTruthy();
    expect(occurrences()[4].querySelector(".cleared")!.textContent).toMatch(/^terminée le /);
    expect(kindOf(occurrences()[4])).toBe("Banque en difficulté");
  });
});
