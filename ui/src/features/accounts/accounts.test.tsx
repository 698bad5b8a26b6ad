// The accounts screen against the fake core: accounts by bank or type with their owners, connection health and
// Reconnect, an account's page, and an owner's view (their share of each balance, the totals of the shares).
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore } from "../../test/fake-core";

const row = (accountId: string) => document.querySelector(`[data-account-id="${accountId}"]`) as HTMLElement;
const balanceCell = (accountId: string) => row(accountId).querySelector("td.amount") as HTMLElement;
const total = (currency: string) => document.querySelector(`[data-total-currency="${currency}"]`) as HTMLElement;
import { renderWith } from "../../test/render";

describe("the accounts screen", () => {
  it("shows an empty state, then the accounts grouped by bank after Refresh", async () => {
    const core = fakeCore("live");
    renderWith(core);
    expect(await screen.findByText("No accounts yet")).toBeTruthy();
    expect(screen.queryByText(/Demo household/)).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Prêt immobilier")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("120 new or changed transactions");

    const bnp = document.querySelector('[data-institution="BNP Paribas"]') as HTMLElement;
    expect(within(bnp).getAllByRole("row"), "a header and three accounts").toHaveLength(4);
    expect(within(bnp).getByText("FR76 •••• 0143")).toBeTruthy();
    const loanRow = document.querySelector('[data-account-id="powens:2"]') as HTMLElement;
    expect(loanRow.querySelector(".amount")!.className).toContain("negative");
    expect(loanRow.textContent).toContain("Loan");
  });

  it("explains a connection that needs the user and reconnects it", async () => {
    const core = fakeCore("live");
    renderWith(core);
    fireEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    const notice = await screen.findByText(/Renew your consent/);
    expect(notice.closest("[data-institution]")?.getAttribute("data-institution")).toBe("BNP Paribas");
    // The consent warning is the core's: the days it counted, shown as they are.
    const consent = document.querySelector('[data-institution="BNP Paribas"] .consent') as HTMLElement;
    expect(consent.getAttribute("data-consent-days")).toBe("12");
    expect(consent.textContent).toContain("Bank consent ends in 12 days");
    // A working connection has no health notice; a login waiting for the bank's app is not one the webview fixes.
    expect(document.querySelector('[data-institution="Swissquote"] .connection-health:not(.consent)')).toBeNull();
    const boursorama = document.querySelector('[data-institution="Boursorama"] .connection-health') as HTMLElement;
    expect(within(boursorama).queryByRole("button", { name: "Reconnect" })).toBeNull();
    fireEvent.click(within(notice as HTMLElement).getByRole("button", { name: "Reconnect" }));
    await waitFor(() => expect(core.calls).toContain("reconnect:101"));
    expect(core.calls, "the connect webview is asked for in the UI's language").toContain("reconnect-locale:en");
    // Reconnected under a new consent: the notice and the warning go.
    await waitFor(() => expect(document.querySelector('[data-institution="BNP Paribas"] .connection-health')).toBeNull());
  });

  it("leads from a connection that needs something to the Connections screen", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Prêt immobilier");
    fireEvent.click(screen.getByRole("button", { name: "Open Connections: Boursorama" }));
    expect(await screen.findByRole("heading", { name: "Connections", level: 1 })).toBeTruthy();
    expect(document.querySelector('.sidebar [aria-current="page"]')!.textContent).toBe("Connections");
  });

  it("opens an account's page with its balances and only its transactions, groups by type, and comes back", async () => {
    const requests: Record<string, unknown>[] = [];
    const plain = fakeCore("demo");
    const core = fakeCore("demo", {
      list_transactions: (args) => {
        requests.push((args.input ?? {}) as Record<string, unknown>);
        return plain.call("list_transactions", args);
      },
    });
    renderWith(core);
    await screen.findByText("Prêt immobilier");
    expect(document.querySelector('[data-account-id="powens:1"] .coming')).toBeTruthy();
    expect(await screen.findByRole("img", { name: "Prêt immobilier: balance trend" })).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Group by"), { target: { value: "type" } });
    await waitFor(() => expect(document.querySelector('[data-group="Loan"]')).toBeTruthy());
    expect(document.querySelector('[data-group="Checking"]')!.querySelectorAll(".account-row")).toHaveLength(2);
    fireEvent.change(screen.getByLabelText("Group by"), { target: { value: "institution" } });

    fireEvent.click(await screen.findByRole("button", { name: "Prêt immobilier" }));
    expect(await screen.findByRole("heading", { name: "Prêt immobilier" })).toBeTruthy();
    expect(document.querySelector("#account-balance")!.textContent).toMatch(/120.000[.,]50/);
    await waitFor(() => expect(requests.some((r) => JSON.stringify(r.accountIds) === JSON.stringify(["powens:2"]))).toBe(true));
    expect(await screen.findByRole("img", { name: "Balance history of Prêt immobilier" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "← All accounts" }));
    expect(await screen.findByRole("heading", { name: "Accounts" })).toBeTruthy();
  });

  it("draws an account's balance history with labelled axes and reads a snapshot under the pointer", async () => {
    renderWith(fakeCore("demo"));
    fireEvent.click(await screen.findByRole("button", { name: "Prêt immobilier" }));
    const chart = await screen.findByRole("img", { name: "Balance history of Prêt immobilier" });
    chart.getBoundingClientRect = () => ({ left: 0, top: 0, width: 760, height: 280, right: 760, bottom: 280, x: 0, y: 0, toJSON: () => ({}) });
    expect([...chart.querySelectorAll(".x-axis text")].map((text) => text.textContent)).toEqual(["Oct 25", "Nov 25", "Date"]);
    expect(chart.querySelector(".y-axis .axis-title")!.textContent).toBe("Balance (EUR)");
    expect(document.querySelector("#account-history")!.textContent).toContain("2 balance snapshots");
    fireEvent.pointerMove(chart, { clientX: 100, clientY: 50 });
    expect(within(screen.getByRole("tooltip")).getByText("Oct 25, 2026")).toBeTruthy();
    expect(within(screen.getByRole("tooltip")).getByText("-€108,000.45")).toBeTruthy();
  });

  it("shows each account's owners as badges, and the household's totals of whole balances", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Prêt immobilier");
    await waitFor(() => expect(row("powens:1").querySelectorAll(".owner-badge")).toHaveLength(2));
    expect(row("powens:1").querySelector(".owner-badges")!.textContent).toMatch(/Camille\s*50%.*Dominique\s*50%/);
    expect(row("powens:2").textContent).toMatch(/SCI Exemple Patrimoine\s*100%/);
    expect(row("powens:4").textContent).toMatch(/Léa\s*100%/);
    const toAssign = within(row("powens:3")).getByText("To assign");
    expect(toAssign.title).toBe("Held by the primary owner until someone assigns it");
    expect(row("powens:3").querySelector(".owner-badge")).toBeNull();
    expect(balanceCell("powens:2").textContent).toBe("-€120,000.50");
    expect(balanceCell("powens:2").title, "no share to explain in the household's view").toBe("");
    expect(total("EUR").textContent).toContain("Total in EUR");
    // 1,452.56 − 120,000.50 + 4,180.35 + 48,210.00 + 41,667.01 (the PEA) + 48,608.34 (the life insurance), exactly.
    expect(total("EUR").textContent).toContain("€24,117.76");
    expect(total("EUR").textContent).toContain("6 accounts");
    expect(total("USD").textContent).toContain("$19,344.09");
  });

  it("shows an owner's share of each balance in their view, the whole in the tooltip and on the account's page", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Prêt immobilier");
    fireEvent.change(screen.getByLabelText("View"), { target: { value: "o1" } });
    await waitFor(() => expect(row("powens:4")).toBeNull());
    // Camille holds the mortgage through the SCI: 25 % directly, and 60 % of the holding's 50 %.
    await waitFor(() => expect(balanceCell("powens:2").textContent).toBe("-€66,000.2855%"));
    expect(balanceCell("powens:2").querySelector(".share-part")!.textContent).toBe("55%");
    expect(balanceCell("powens:2").title).toBe("55% of the whole balance, -€120,000.50");
    expect(balanceCell("powens:1").textContent).toContain("€726.28");
    expect(screen.getAllByRole("columnheader", { name: "Share" }).length).toBeGreaterThan(0);
    // The totals sum the shares: 726.28 − 66,000.275 + 28,926.00 (60 % of the holding's securities) + 41,667.01 (her
    // PEA) = 5,319.015; the US securities account is the spouses' 50/50.
    expect(total("EUR").textContent).toContain("Share of Camille in EUR");
    expect(total("EUR").textContent).toContain("€5,319.02");
    expect(total("USD").textContent).toContain("$9,672.05");
    expect(total("CHF").textContent, "the account to assign is the primary owner's meanwhile").toMatch(/CHF.28,394\.20/);

    fireEvent.click(screen.getByRole("button", { name: "Prêt immobilier" }));
    expect(await screen.findByRole("heading", { name: "Prêt immobilier" })).toBeTruthy();
    expect(document.querySelector("#account-balance")!.textContent).toBe("-€120,000.50");
    const share = document.querySelector("#account-share") as HTMLElement;
    expect(share.textContent).toContain("Share of Camille");
    expect(share.textContent).toContain("-€66,000.28");
    expect(share.textContent).toContain("55% of the whole balance");
    expect(document.querySelector("#account-owners-card")!.textContent).toMatch(/SCI Exemple Patrimoine\s*100%/);
  });

  it("says so when the owner of the view holds no account", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Prêt immobilier");
    fireEvent.click(screen.getByRole("button", { name: "Ownership" }));
    fireEvent.change(await screen.findByLabelText("Owner name"), { target: { value: "Hugo" } });
    fireEvent.click(screen.getByRole("button", { name: "Add owner" }));
    await waitFor(() => expect(document.querySelector('#owners [data-owner-id="o6"]')).toBeTruthy());
    fireEvent.change(screen.getByLabelText("View"), { target: { value: "o6" } });
    fireEvent.click(screen.getByRole("button", { name: "Accounts" }));
    expect(await screen.findByRole("heading", { name: "Hugo holds no account" })).toBeTruthy();
    expect(screen.queryByText("No accounts yet")).toBeNull();
    expect(document.querySelector("#account-totals")).toBeNull();
  });
});
