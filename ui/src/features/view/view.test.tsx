// The view selector against the fake core's demo family: who it offers, the basis switch, the view and basis in
// every view-following read (and only the household's for the app's own start-up read), the choice remembered, and
// a remembered owner that is gone falling back to the household before any screen asks for it.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { CommandName } from "../../test/core-contract";
import { fakeCore, fakeProfile, recordingCore } from "../../test/fake-core";
import { basisKey, viewKey } from "../../preferences/storage";
import { renderWith } from "../../test/render";

const VIEW_FOLLOWING: CommandName[] = ["list_accounts", "list_transactions", "get_balances", "dashboard_overview", "household_view", "generate_overview", "export_transactions_csv", "get_wealth"];

const DEMO_VIEW = viewKey(fakeProfile("demo"));
const DEMO_BASIS = basisKey(fakeProfile("demo"));

const selector = () => screen.getByLabelText("View") as HTMLSelectElement;
const basisSwitch = () => screen.queryByRole("group", { name: "Rights counted" });

async function start(core: ReturnType<typeof fakeCore>) {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
}

describe("the view selector", () => {
  it("offers the household, then the people and the entities by name; the basis switch only for an owner", async () => {
    await start(fakeCore("demo"));
    expect(selector().value).toBe("");
    expect([...selector().options].map((o) => o.text)).toEqual(["Household", "Camille", "Dominique", "Léa", "Exemple Participations SAS", "SCI Exemple Patrimoine"]);
    expect([...selector().querySelectorAll("optgroup")].map((g) => g.label)).toEqual(["People", "Entities"]);
    expect(basisSwitch()).toBeNull();
    fireEvent.change(selector(), { target: { value: "o2" } });
    const basis = basisSwitch()!;
    expect(within(basis).getByRole("button", { name: "Usufruct" }).getAttribute("aria-pressed")).toBe("true");
    expect(within(basis).getByRole("button", { name: "Bare ownership" }).getAttribute("aria-pressed")).toBe("false");
  });

  it("sends the view and basis with every view-following read, on every screen", async () => {
    const { core, sent } = recordingCore("demo", VIEW_FOLLOWING);
    await start(core);
    expect(sent.list_accounts.every((input) => input.view === null && input.basis === null), "the household's first").toBe(true);
    fireEvent.change(selector(), { target: { value: "o2" } });
    fireEvent.click(within(basisSwitch()!).getByRole("button", { name: "Bare ownership" }));
    const inView = (input: Record<string, unknown>) => input.view === "o2" && input.basis === "bare_ownership";
    await waitFor(() => expect(sent.list_accounts.some(inView)).toBe(true));
    await waitFor(() => expect(sent.get_balances.some(inView)).toBe(true));

    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    await waitFor(() => expect(sent.dashboard_overview.some(inView)).toBe(true));
    expect(sent.dashboard_overview.at(-1), "figures only: the Dashboard draws its own trend").toMatchObject({ charts: false });

    fireEvent.click(screen.getByRole("button", { name: "Wealth" }));
    await waitFor(() => expect(sent.get_wealth.some(inView)).toBe(true));

    fireEvent.click(screen.getByRole("button", { name: "Transactions" }));
    await waitFor(() => expect(sent.list_transactions.some(inView)).toBe(true));
    fireEvent.click(await screen.findByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(sent.export_transactions_csv.at(-1)?.filter).toMatchObject({ view: "o2", basis: "bare_ownership" }));

    fireEvent.click(screen.getByRole("button", { name: "Ownership" }));
    await waitFor(() => expect(sent.household_view.some(inView)).toBe(true));

    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Generate now" }));
    await waitFor(() => expect(sent.generate_overview.at(-1)).toMatchObject({ view: "o2", basis: "bare_ownership" }));

    // Back to the household: no basis is sent with it.
    fireEvent.change(selector(), { target: { value: "" } });
    expect(basisSwitch()).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Accounts" }));
    await waitFor(() => expect(sent.list_accounts.at(-1)).toMatchObject({ view: null, basis: null }));
  });

  it("narrows the screens to the owner's accounts, and says so on the Transactions screen", async () => {
    await start(fakeCore("demo"));
    fireEvent.change(selector(), { target: { value: "o3" } });
    await waitFor(() => expect(document.querySelectorAll(".account-row")).toHaveLength(1));
    expect(document.querySelector('[data-account-id="powens:4"]')!.textContent).toContain("Livret A Léa");
    fireEvent.click(screen.getByRole("button", { name: "Transactions" }));
    expect((await screen.findByText("The accounts Léa holds a part of; amounts stay whole.")).id).toBe("transactions-view");
    expect(await screen.findByText("No transactions match")).toBeTruthy();
    fireEvent.change(selector(), { target: { value: "o1" } });
    await waitFor(() => expect(document.querySelector("#transaction-rows")?.getAttribute("data-loaded-rows")).toBe("120"));
    expect(screen.getByText("The accounts Camille holds a part of; amounts stay whole.")).toBeTruthy();
  });

  it("is remembered, and can be chosen from the command palette", async () => {
    await start(fakeCore("demo"));
    fireEvent.change(selector(), { target: { value: "o4" } });
    fireEvent.click(within(basisSwitch()!).getByRole("button", { name: "Bare ownership" }));
    expect(localStorage.getItem(DEMO_VIEW)).toBe("o4");
    expect(localStorage.getItem(DEMO_BASIS)).toBe("bare_ownership");
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const box = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(box, { target: { value: "show household" } });
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(selector().value).toBe(""));
    expect(localStorage.getItem(DEMO_VIEW)).toBeNull();
    expect(localStorage.getItem(DEMO_BASIS), "the basis is kept for the next owner's view").toBe("bare_ownership");
  });

  it("is kept per profile: another household starts in its own view, and the first finds its view again", async () => {
    let profile = "demo-aaaa";
    const core = fakeCore("demo", { app_status: () => ({ mode: "demo", version: "0.1.0", profile }) });
    await start(core);
    fireEvent.change(selector(), { target: { value: "o4" } });
    expect(localStorage.getItem(viewKey("demo-aaaa"))).toBe("o4");
    // Restoring a backup swaps the core's profile; the screens ask again, in that profile's (household) view.
    const swapTo = async (next: string) => {
      profile = next;
      const statusCalls = core.calls.filter((c) => c === "app_status").length;
      fireEvent.click(screen.getByRole("button", { name: "Settings" }));
      fireEvent.change(await screen.findByLabelText("Backup file"), { target: { value: "/media/usb/household.pfobackup" } });
      fireEvent.change(screen.getByLabelText("Passphrase of the backup"), { target: { value: "right passphrase here" } });
      fireEvent.click(screen.getByRole("button", { name: "Restore…" }));
      fireEvent.click(screen.getByRole("button", { name: "Replace with the backup" }));
      await waitFor(() => expect(core.calls.filter((c) => c === "app_status").length).toBeGreaterThan(statusCalls));
    };
    await swapTo("live-bbbb");
    await waitFor(() => expect(selector().value).toBe(""));
    expect(localStorage.getItem(viewKey("live-bbbb"))).toBeNull();
    expect(localStorage.getItem(viewKey("demo-aaaa")), "the first profile's view is kept").toBe("o4");
    await swapTo("demo-aaaa");
    await waitFor(() => expect(selector().value).toBe("o4"));
  });

  it("starts in the remembered view", async () => {
    localStorage.setItem(DEMO_VIEW, "o5");
    const { core, sent } = recordingCore("demo", ["list_accounts"]);
    renderWith(core);
    expect(await screen.findByText("Prêt immobilier")).toBeTruthy();
    expect(selector().value).toBe("o5");
    await waitFor(() => expect(sent.list_accounts.some((input) => input.view === "o5" && input.basis === "usufruct")).toBe(true));
    expect(document.querySelector('[data-account-id="powens:2"]')).toBeTruthy();
    expect(document.querySelector('[data-account-id="powens:1"]'), "the SCI holds only the mortgage").toBeNull();
  });

  it("falls back to the household when the remembered owner is gone, before any screen asks for it", async () => {
    localStorage.setItem(DEMO_VIEW, "o9");
    const { core, sent } = recordingCore("demo", VIEW_FOLLOWING);
    await start(core);
    expect(selector().value).toBe("");
    expect(localStorage.getItem(DEMO_VIEW)).toBeNull();
    expect(Object.values(sent).flat().filter((input) => input.view === "o9")).toEqual([]);
  });

  it("falls back to the household when the owner it shows is removed", async () => {
    await start(fakeCore("demo"));
    fireEvent.click(screen.getByRole("button", { name: "Ownership" }));
    fireEvent.change(await screen.findByLabelText("Owner name"), { target: { value: "Hugo" } });
    fireEvent.click(screen.getByRole("button", { name: "Add owner" }));
    await waitFor(() => expect([...selector().options].map((o) => o.text)).toContain("Hugo"));
    fireEvent.change(selector(), { target: { value: "o6" } });
    fireEvent.click(screen.getByRole("button", { name: "Remove Hugo" }));
    await waitFor(() => expect([...selector().options].map((o) => o.text)).not.toContain("Hugo"));
    expect(selector().value).toBe("");
  });
});
