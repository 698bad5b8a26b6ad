// The accounts screen against Tauri's mocked IPC: what it shows, and what Refresh does.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../../app";
import type { BankAccountRecord } from "../../bindings/BankAccountRecord";

function account(overrides: Partial<BankAccountRecord>): BankAccountRecord {
  return {
    id: "powens:1",
    provider: "powens",
    connectionId: "101",
    institution: "BNP Paribas",
    name: "Compte de dépôt",
    accountType: "checking",
    usage: "PRIV",
    iban: "FR76 •••• 0143",
    bic: "BNPAFRPPXXX",
    number: "•••• 6548",
    currency: "EUR",
    balance: "1452.56",
    comingBalance: null,
    status: "active",
    providerUpdatedAt: null,
    lastSyncedAt: "2026-11-25T08:00:00Z",
    ...overrides,
  };
}

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

describe("accounts screen", () => {
  let stored: BankAccountRecord[];
  let calls: string[];

  beforeEach(() => {
    stored = [];
    calls = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      switch (cmd) {
        case "app_status":
          return { mode: "live", version: "0.1.0" };
        case "list_accounts":
          return { mode: "live", accounts: stored, connections: [] };
        case "sync_accounts":
          stored = [
            account({}),
            account({ id: "powens:2", name: "Prêt immobilier", accountType: "loan", balance: "-120000.50", iban: null, number: "•••• 2402" }),
            account({ id: "powens:3", institution: "Swissquote", name: "Compte privé CHF", currency: "CHF", balance: "28394.2" }),
          ];
          return { mode: "live", accounts: { inserted: 3, updated: 0, unchanged: 0, removed: 0 }, connections: 2, syncedAt: "2026-11-25T08:00:00Z" };
        default:
          throw new Error(`unexpected command ${cmd}`);
      }
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows an empty state, then the synced accounts grouped by bank after Refresh", async () => {
    renderApp();
    expect(await screen.findByText("No accounts yet")).toBeTruthy();
    expect(screen.queryByText(/Demo household/)).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Prêt immobilier")).toBeTruthy();
    expect(calls).toContain("sync_accounts");
    expect(screen.getByRole("status").textContent).toContain("3 new");

    const bnp = document.querySelector('[data-institution="BNP Paribas"]') as HTMLElement;
    expect(within(bnp).getAllByRole("row")).toHaveLength(3); // header + 2 accounts
    expect(within(bnp).getByText("FR76 •••• 0143")).toBeTruthy();
    const loanRow = document.querySelector('[data-account-id="powens:2"]') as HTMLElement;
    expect(loanRow.querySelector(".amount")!.className).toContain("negative");
    expect(loanRow.textContent).toContain("Loan");
    expect(document.querySelector('[data-institution="Swissquote"]')!.textContent).toContain("CHF");
  });

  it("marks demo data and syncs the demo household on first start", async () => {
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "app_status") return { mode: "demo", version: "0.1.0" };
      if (cmd === "list_accounts") return { mode: "demo", accounts: stored, connections: [] };
      if (cmd === "sync_accounts") {
        stored = [account({})];
        return { mode: "demo", accounts: { inserted: 1, updated: 0, unchanged: 0, removed: 0 }, connections: 1, syncedAt: "2026-11-25T08:00:00Z" };
      }
      throw new Error(cmd);
    });
    renderApp();
    expect(await screen.findByText(/Demo household/)).toBeTruthy();
    expect(await screen.findByText("Compte de dépôt")).toBeTruthy();
    expect(calls.filter((c) => c === "sync_accounts")).toHaveLength(1);
  });

  it("shows the core's error message and code when Refresh fails", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_status") return { mode: "live", version: "0.1.0" };
      if (cmd === "list_accounts") return { mode: "live", accounts: [], connections: [] };
      throw { code: "powens.unreachable", message: "could not reach the Powens API (connection failed)" };
    });
    renderApp();
    fireEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    const alert = await screen.findByRole("alert");
    expect(alert.dataset.code).toBe("powens.unreachable");
    expect(alert.textContent).toContain("could not reach the Powens API");
    await waitFor(() => expect(screen.getByRole("button", { name: "Refresh" })).toBeTruthy());
  });
});
