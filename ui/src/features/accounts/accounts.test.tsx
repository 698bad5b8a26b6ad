// The accounts screen against the fake core: accounts by bank or type, connection health and Reconnect, an account's page.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore } from "../../test/fake-core";
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
    fireEvent.click(within(notice as HTMLElement).getByRole("button", { name: "Reconnect" }));
    await waitFor(() => expect(core.calls).toContain("reconnect:101"));
    expect(core.calls, "the connect webview is asked for in the UI's language").toContain("reconnect-locale:en");
    expect(document.querySelector('[data-institution="Swissquote"] .connection-health')).toBeNull();
    // The consent warning is the core's: the days it counted, shown as they are.
    const consent = document.querySelector('[data-institution="BNP Paribas"] .consent') as HTMLElement;
    expect(consent.getAttribute("data-consent-days")).toBe("12");
    expect(consent.textContent).toContain("Bank consent ends in 12 days");
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
});
