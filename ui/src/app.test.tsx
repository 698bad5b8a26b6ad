// The app against Tauri's mocked IPC: what a person sees, and what Refresh, search and the screens do.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { App } from "./app";
import { setAmountsHidden } from "./lib/preferences";
import { chooseLanguage } from "./lib/i18n";
import { fakeCore, transaction, type Command } from "./test/fake-core";

const baseTransaction = transaction({});

function renderWith(core: ReturnType<typeof fakeCore>) {
  mockIPC((cmd, args) => core.handle(cmd, (args ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
  setAmountsHidden(false);
  chooseLanguage("system");
  localStorage.clear();
});

describe("the app", () => {
  it("shows an empty state, then the accounts grouped by bank after Refresh", async () => {
    const core = fakeCore("live");
    renderWith(core);
    expect(await screen.findByText("No accounts yet")).toBeTruthy();
    expect(screen.queryByText(/Demo household/)).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Prêt immobilier")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("120 new or changed transactions");

    const bnp = document.querySelector('[data-institution="BNP Paribas"]') as HTMLElement;
    expect(within(bnp).getAllByRole("row")).toHaveLength(3);
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
    expect(document.querySelector('[data-institution="Swissquote"] .connection-health')).toBeNull();
  });

  it("marks demo data and refreshes the demo household once on first start", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    expect(await screen.findByText(/Demo household/)).toBeTruthy();
    expect(await screen.findByText("Compte de dépôt")).toBeTruthy();
    await waitFor(() => expect(core.calls.filter((c) => c === "refresh")).toHaveLength(1));
  });

  it("shows the core's error with its code when Refresh fails", async () => {
    const failing: Command = () => {
      throw { code: "powens.unreachable", message: "could not reach the Powens API (connection failed)" };
    };
    renderWith(fakeCore("live", { refresh: failing }));
    fireEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    const alert = await screen.findByRole("alert");
    expect(alert.dataset.code).toBe("powens.unreachable");
    expect(alert.textContent).toContain("could not reach the Powens API");
  });

  it("shows live progress from sync events while a refresh runs", async () => {
    let finish: () => void = () => {};
    const plain = fakeCore("live");
    const slow: Command = (args) => new Promise((resolve) => (finish = () => resolve(plain.call("refresh", args))));
    renderWith(fakeCore("live", { refresh: slow }));
    fireEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    await screen.findByRole("button", { name: "Refreshing…" });
    await emit("sync:progress", { kind: "started", workflow: "pfo.workflow.sync-openbanking-transactions", step: 2, steps: 3 });
    expect(await screen.findByRole("button", { name: "Transactions 2/3…" })).toBeTruthy();
    finish();
    expect(await screen.findByRole("button", { name: "Refresh" })).toBeTruthy();
  });

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

  it("searches transactions, draws only a window of rows, and shows the filter's totals and CSV export", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Transactions" }));
    const viewport = await waitFor(() => {
      const element = document.querySelector("#transaction-rows") as HTMLElement | null;
      expect(element?.getAttribute("data-loaded-rows")).toBe("120");
      return element!;
    });
    const drawn = viewport.querySelectorAll(".transaction-row").length;
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(40);
    expect(screen.getByText(/120 transactions/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Search labels"), { target: { value: "netflix" } });
    await waitFor(() => expect(document.querySelector("#transaction-rows")!.getAttribute("data-loaded-rows")).toBe("40"));
    expect(screen.getByText(/40 transactions/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    expect((await screen.findByText(/Saved .* rows to/)).textContent).toContain("transactions-2026-11-25.csv");
  });

  it("reads further keyset pages on demand and sends every filter to the core", async () => {
    const requests: Record<string, unknown>[] = [];
    const many = Array.from({ length: 450 }, (_, n) => n);
    const core = fakeCore("demo", {
      list_transactions: (args) => {
        const input = (args.input ?? {}) as Record<string, unknown>;
        requests.push(input);
        const start = input.cursor ? Number(input.cursor) : 0;
        const page = many.slice(start, start + Number(input.limit));
        return {
          transactions: page.map((n) => ({ ...baseTransaction, id: `powens:${n}`, label: `Row ${n}` })),
          nextCursor: start + page.length < many.length ? String(start + page.length) : null,
          totals: input.includeTotals ? [{ currency: "EUR", count: 450, sum: "-4500.00" }] : null,
        };
      },
    });
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Transactions" }));
    await waitFor(() => expect(document.querySelector("#transaction-rows")?.getAttribute("data-loaded-rows")).toBe("200"));
    fireEvent.click(screen.getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(document.querySelector("#transaction-rows")!.getAttribute("data-loaded-rows")).toBe("400"));
    expect(requests.at(-1)).toMatchObject({ cursor: "200", limit: 200, includeTotals: false });

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-01-01" } });
    fireEvent.change(screen.getByLabelText("Smallest amount"), { target: { value: "-100" } });
    fireEvent.change(screen.getByLabelText("Sort"), { target: { value: "amountAsc" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "pending" } });
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ dateFrom: "2026-01-01", amountMin: "-100", sort: "amountAsc", statuses: ["pending"], cursor: null }));
  });

  it("shows consolidated balances per currency on the overview and the runs in Activity", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    const chf = await waitFor(() => {
      const card = document.querySelector('[data-currency="CHF"]') as HTMLElement | null;
      expect(card).toBeTruthy();
      return card!;
    });
    expect(chf.textContent).toMatch(/28.394[.,]20/);
    const netWorth = await waitFor(() => {
      const card = document.querySelector("#dashboard-net-worth") as HTMLElement | null;
      expect(card).toBeTruthy();
      return card!;
    });
    expect(netWorth.textContent).toMatch(/88.734[.,]03/);
    expect(netWorth.textContent).toMatch(/Liabilities/);
    expect(document.querySelectorAll("#dashboard-cashflow li")).toHaveLength(3);
    expect(await screen.findByRole("img", { name: "Net worth over the last 12 months" })).toBeTruthy();
    const connections = document.querySelector("#dashboard-connections") as HTMLElement;
    expect(connections.querySelector('[data-connection="101"]')!.textContent).toContain("Renew your consent");
    expect(connections.querySelector('[data-connection="103"]')!.textContent).toContain("OK");
    fireEvent.click(screen.getByRole("button", { name: "Activity" }));
    await waitFor(() => expect(document.querySelectorAll(".run-row")).toHaveLength(3));
    await waitFor(() => expect(document.querySelectorAll("#telemetry-log .telemetry-row")).toHaveLength(3));
    expect(document.querySelector("#telemetry-log")!.textContent).toContain("status: succeeded");
    expect(localStorage.getItem("pfo.lastScreen")).toBe("activity");
  });

  it("generates the financial overview, shows its figures and charts, and exports the report", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    expect(await screen.findByText("No overview yet")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Export report" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText("Period"), { target: { value: "ytd" } });
    fireEvent.click(screen.getByRole("button", { name: "Generate now" }));
    await waitFor(() => expect(core.calls).toContain("generate:ytd"));
    const netWorth = await waitFor(() => {
      const card = document.querySelector("#overview-net-worth") as HTMLElement | null;
      expect(card).toBeTruthy();
      return card!;
    });
    expect(netWorth.textContent).toMatch(/88.734[.,]03/);
    expect(document.querySelector('[data-category="food"]')!.textContent).toContain("19.5 %");
    const charts = await screen.findAllByRole("img");
    expect(charts.map((c) => c.getAttribute("alt"))).toEqual(["Net worth and account balances", "Cashflow per month", "Spending by category"]);
    expect(decodeURIComponent(charts[0].getAttribute("src")!)).toContain("<title>Net worth and account balances (EUR)</title>");
    expect(screen.getByText(/Swissquote: bank consent ends in 15 days/)).toBeTruthy();
    expect(screen.getByText(/housing · monthly/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Export report" }));
    expect((await screen.findByText(/Report saved to/)).textContent).toContain("Downloads/financial-overview-2026-11-25.html");

    fireEvent.click(screen.getByRole("button", { name: "Generate now" }));
    const history = await waitFor(() => {
      const list = document.querySelector("#overview-history") as HTMLElement | null;
      expect(list?.querySelectorAll("li")).toHaveLength(2);
      return list!;
    });
    fireEvent.click(history.querySelector('[data-revision="1"]')!);
    await waitFor(() => expect(history.querySelector('[data-revision="1"]')!.getAttribute("aria-current")).toBe("true"));
  });

  it("hides every amount with the privacy switch, remembers it, and hides the charts too", async () => {
    renderWith(fakeCore("demo"));
    const loanAmount = await waitFor(() => {
      const cell = document.querySelector('[data-account-id="powens:2"] .amount') as HTMLElement | null;
      expect(cell?.textContent).toMatch(/120.000[.,]50/);
      return cell!;
    });
    fireEvent.keyDown(window, { key: "H", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(document.querySelector('[data-account-id="powens:2"] .amount')!.textContent).toBe("••••• EUR"));
    expect(loanAmount.textContent).not.toMatch(/\d/);
    expect(localStorage.getItem("pfo.privacy")).toBe("on");
    expect(document.documentElement.getAttribute("data-privacy")).toBe("on");
    expect(screen.getByRole("button", { name: "Show amounts" }).getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Generate now" }));
    expect(await screen.findByRole("img", { name: "Net worth and account balances (hidden)" })).toBeTruthy();
    expect(document.querySelector("#overview-net-worth")!.textContent).not.toMatch(/\d/);

    fireEvent.click(screen.getByRole("button", { name: "Show amounts" }));
    await waitFor(() => expect(document.querySelector("#overview-net-worth")!.textContent).toMatch(/88.734/));
    expect(localStorage.getItem("pfo.privacy")).toBe("off");
  });

  it("switches the theme and remembers it; 'system' follows the system again", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "dark" } });
    await waitFor(() => expect(document.documentElement.getAttribute("data-theme")).toBe("dark"));
    expect(localStorage.getItem("pfo.theme")).toBe("dark");
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "system" } });
    // jsdom has no dark system preference: "system" resolves to light.
    await waitFor(() => expect(document.documentElement.getAttribute("data-theme")).toBe("light"));
    expect(localStorage.getItem("pfo.theme")).toBeNull();
  });

  it("runs screens and actions from the command palette with the keyboard", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const box = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(box, { target: { value: "go trans" } });
    expect(within(screen.getByRole("listbox", { name: "Commands" })).getAllByRole("option").map((o) => o.textContent)).toEqual(["Go to TransactionsCtrl+3"]);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(await screen.findByRole("heading", { name: "Transactions" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();

    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const again = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(again, { target: { value: "theme" } });
    fireEvent.keyDown(again, { key: "ArrowDown" });
    fireEvent.keyDown(again, { key: "ArrowDown" });
    fireEvent.keyDown(again, { key: "Enter" });
    await waitFor(() => expect(document.documentElement.getAttribute("data-theme")).toBe("dark"));

    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const third = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(third, { target: { value: "refr" } });
    fireEvent.keyDown(third, { key: "Enter" });
    await waitFor(() => expect(core.calls.filter((c) => c === "refresh").length).toBe(2));
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    fireEvent.keyDown(await screen.findByPlaceholderText("Type a command or a screen…"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
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

  it("speaks French when chosen, and switches back to English from Settings", async () => {
    localStorage.setItem("pfo.language", "fr");
    renderWith(fakeCore("demo"));
    expect(await screen.findByRole("heading", { name: "Comptes" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Opérations" })).toBeTruthy();
    expect(screen.getByText(/Foyer de démonstration/)).toBeTruthy();
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const box = await screen.findByPlaceholderText("Tapez une commande ou un écran…");
    fireEvent.change(box, { target: { value: "aller synth" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(await screen.findByRole("heading", { name: "Synthèse financière" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Générer" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Réglages" }));
    fireEvent.change(await screen.findByLabelText("Langue"), { target: { value: "en" } });
    expect(await screen.findByRole("heading", { name: "Settings" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Accounts" })).toBeTruthy();
    expect(localStorage.getItem("pfo.language")).toBe("en");
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

  it("offers a restore on the start-up error when the keyring lost the database key, in French too", async () => {
    chooseLanguage("fr");
    const core = fakeCore("live", {
      app_status: () => {
        throw { code: "store.key_missing", message: "the encryption key of pfo.db is not in the OS keyring" };
      },
    });
    renderWith(core);
    expect(await screen.findByRole("heading", { name: "Restaurer une sauvegarde" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Fichier de sauvegarde"), { target: { value: "/media/usb/household.pfobackup" } });
    fireEvent.change(screen.getByLabelText("Phrase secrète de la sauvegarde"), { target: { value: "right passphrase here" } });
    fireEvent.click(screen.getByRole("button", { name: "Restaurer…" }));
    fireEvent.click(screen.getByRole("button", { name: "Remplacer par la sauvegarde" }));
    expect(await screen.findByText(/Restauré : 10 comptes, 5234 opérations/)).toBeTruthy();
  });

  it("shows no restore form for start-up errors a backup does not fix", async () => {
    const core = fakeCore("live", {
      app_status: () => {
        throw { code: "keyring.locked", message: "the OS keyring is locked" };
      },
    });
    renderWith(core);
    expect(await screen.findByText("the OS keyring is locked")).toBeTruthy();
    expect(screen.queryByLabelText("Backup file")).toBeNull();
  });
});
