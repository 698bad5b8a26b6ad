// The Wealth screen against the fake core's demo family: the view and basis in its read, the classes and totals at
// the fake's exact figures (without a rate and with one), the allocation column read under the pointer and the keys,
// a holding held in two accounts opening onto its parts, the stale and computed marks and the class's evidence, what
// the figures leave out, the privacy switch, the empty states, and the screen in French.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { formatMoney } from "../../lib/format";
import { fakeCore, recordingCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";

const byId = (id: string) => document.getElementById(id) as HTMLElement;
const classRow = (assetClass: string) => document.querySelector(`#wealth-allocation tr[data-class="${assetClass}"]`) as HTMLElement;
const holding = (code: string) => document.querySelector(`tbody[data-holding="${code}"]`) as HTMLElement;
const amountCells = () => [...document.querySelectorAll<HTMLElement>("#wealth-allocation td.amount, #wealth-holdings td.amount, #wealth-currencies td.amount, #wealth-totals strong")];

/** The app on the Wealth screen, once the holdings (or the empty state) show. */
async function openWealth(core: ReturnType<typeof fakeCore>, heading = "Wealth", button = "Wealth") {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
  fireEvent.click(screen.getByRole("button", { name: button }));
  expect(await screen.findByRole("heading", { level: 1, name: heading })).toBeTruthy();
  await waitFor(() => expect(byId("wealth-holdings") ?? byId("wealth-no-positions")).toBeTruthy());
}

/** A demo core with a USD rate recorded, as Settings records one. */
function withUsdRate() {
  const core = fakeCore("demo");
  core.call("set_exchange_rate", { input: { currency: "USD", rate: "0.92", asOf: "2026-11-01" } });
  return core;
}

describe("the Wealth screen", () => {
  it("is in the sidebar after the Dashboard, and Ctrl+2 opens it", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    const names = [...document.querySelectorAll(".sidebar button")].map((button) => button.textContent);
    expect(names.slice(0, 3)).toEqual(["Dashboard", "Wealth", "Accounts"]);
    fireEvent.keyDown(window, { key: "2", ctrlKey: true });
    expect(await screen.findByRole("heading", { level: 1, name: "Wealth" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Wealth" }).title).toBe("Ctrl+2");
  });

  it("sends the view and basis with its read, and shows the owner's part when they change", async () => {
    const { core, sent } = recordingCore("demo", ["get_wealth"]);
    await openWealth(core);
    expect(sent.get_wealth.at(-1)).toEqual({ view: null, basis: null });
    expect(byId("wealth-view").textContent).toContain("View: the household, every account whole");
    expect(holding("FR0000120271"), "the household holds Camille's PEA").toBeTruthy();

    fireEvent.change(screen.getByLabelText("View"), { target: { value: "o2" } });
    fireEvent.click(within(screen.getByRole("group", { name: "Rights counted" })).getByRole("button", { name: "Bare ownership" }));
    await waitFor(() => expect(sent.get_wealth.at(-1)).toEqual({ view: "o2", basis: "bare_ownership" }));
    await waitFor(() => expect(byId("wealth-view").textContent).toContain("View: Dominique · bare ownership counted"));
    // Dominique: half the joint account, 25 % of the SCI and 40 % of the holding (so 45 % of the mortgage), her life
    // insurance, half the US account (no rate): 726.28 + 48,608.34 + 0.4 × 48,210.00 = 68,618.62 of assets.
    await waitFor(() => expect(byId("wealth-assets").textContent).toContain("€68,618.62"));
    expect(byId("wealth-liabilities").textContent).toContain("€54,000.23");
    expect(holding("FR0000120271"), "TotalEnergies is in Camille's PEA only").toBeNull();
    expect(holding("LU1681043599").textContent, "the ETF of her life insurance alone").toContain("in Assurance vie Vitalia");
    expect(holding("LU1681043599").textContent).toContain("€10,246.80");
  });

  it("shows the totals and every class at the fake core's exact figures, each with its part of the gross assets", async () => {
    const core = fakeCore("demo");
    await openWealth(core);
    // 1,452.56 + 4,180.35 + 48,210.00 + 41,667.01 + 48,608.34 owned, the mortgage owed; CHF and USD have no rate.
    expect(byId("wealth-net-worth").textContent).toContain("€24,117.76");
    expect(byId("wealth-assets").textContent).toContain("€144,118.26");
    expect(byId("wealth-liabilities").textContent).toContain("€120,000.50");
    const expected: [string, string, string][] = [
      ["other", "€48,210.00", "33.45%"],
      ["euro_funds", "€30,250.00", "20.99%"],
      ["funds", "€25,617.00", "17.77%"],
      ["equities", "€23,268.80", "16.15%"],
      ["cash", "€8,660.92", "6.01%"],
      ["real_estate", "€7,105.00", "4.93%"],
      ["bonds", "€1,006.54", "0.7%"],
    ];
    const rows = [...document.querySelectorAll<HTMLElement>("#wealth-allocation tbody:not(.subtotals) tr")];
    expect(rows.map((row) => row.dataset.class), "largest first").toEqual(expected.map(([assetClass]) => assetClass));
    for (const [assetClass, amount, part] of expected) {
      const cells = classRow(assetClass).querySelectorAll("td");
      expect(cells[0].textContent, assetClass).toBe(amount);
      expect(cells[1].textContent, assetClass).toBe(part);
    }
    // The same figures as the core's answer, formatted, and the liabilities last.
    const sheet = await core.call("get_wealth", { input: { view: null, basis: null } });
    for (const line of sheet.byClass) expect(classRow(line.class).querySelector("td")!.textContent).toBe(formatMoney(line.amount, "EUR", "en-US"));
    expect(classRow("liabilities").textContent).toContain("-€120,000.50");
    expect(classRow("liabilities").textContent).toContain("-83.27%");
    expect(document.querySelector('#wealth-allocation [data-total="net-worth"]')!.textContent).toBe("Net worth€24,117.76");
    expect(byId("wealth-currencies").textContent).toMatch(/EUR€24,117\.76/);
    expect(document.querySelector('[data-exposure="USD"]')!.textContent).toBe("USDno exchange rate");
  });

  it("counts the US securities account once a USD rate is recorded, and says what is still left out", async () => {
    await openWealth(withUsdRate());
    // 19,344.09 × 0.92 = 17,796.5628 more: the positions, and the 329.71 they are valued above the bank's balance.
    expect(byId("wealth-net-worth").textContent).toContain("€41,914.32");
    expect(byId("wealth-assets").textContent).toContain("€161,914.82");
    expect(classRow("equities").querySelector("td")!.textContent).toBe("€38,651.02");
    expect(classRow("other").querySelector("td")!.textContent).toBe("€47,906.67");
    expect(document.querySelector('[data-exposure="USD"]')!.textContent).toBe("USD€17,796.56");
    expect(holding("US0378331005").textContent).toContain("€8,408.80");
    expect(byId("wealth-unconverted").textContent).toContain("No exchange rate for CHF: what is held in them is left out of the figures in EUR.");
  });

  it("reads the allocation column under the pointer and the keys, with the table's figures", async () => {
    await openWealth(fakeCore("demo"));
    const column = screen.getByRole("group", { name: "Allocation of the gross assets by class" });
    // Laid out at the SVG's own size (jsdom has no layout).
    column.getBoundingClientRect = () => ({ left: 0, top: 0, width: 96, height: 300, right: 96, bottom: 300, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerMove(column, { clientX: 48, clientY: 5 });
    const tooltip = within(column).getByRole("tooltip");
    expect(within(tooltip).getByText("Other")).toBeTruthy();
    expect(tooltip.textContent).toContain("Amount€48,210.00");
    expect(tooltip.textContent).toContain("Share of gross assets33.45%");
    fireEvent.focus(column);
    fireEvent.keyDown(column, { key: "End" });
    expect(within(within(column).getByRole("tooltip")).getByText("Bonds")).toBeTruthy();
    expect(document.querySelector("#wealth-allocation [aria-live]")!.textContent).toBe("Bonds: Amount: €1,006.54, Share of gross assets: 0.7%");
    expect(column.querySelectorAll("rect")).toHaveLength(7);
  });

  it("opens a holding held in two accounts onto its part in each, largest first", async () => {
    await openWealth(fakeCore("demo"));
    const msci = holding("LU1681043599");
    expect(msci.textContent).toContain("Amundi MSCI World UCITS ETF");
    expect(msci.textContent).toContain("in 2 accounts");
    // 15,370.20 + 10,246.80, and the gains 2,470.20 + 816.80 over a cost of 22,330.00.
    expect(msci.querySelector(".holding-row")!.textContent).toContain("€25,617.00");
    expect(msci.querySelector(".holding-row .gain")!.textContent).toBe("+€3,287.00+14.72%");
    const toggle = within(msci).getByRole("button", { name: "Parts of Amundi MSCI World UCITS ETF by account" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(msci.querySelectorAll(".holding-part")).toHaveLength(0);
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const parts = [...msci.querySelectorAll<HTMLElement>(".holding-part")];
    expect(parts.map((part) => part.querySelector("th")!.textContent)).toEqual(["PEA", "Assurance vie Vitaliacomputed by Powens"]);
    expect(parts[0].textContent).toContain("€15,370.20");
    expect(parts[0].textContent).toContain("+€2,470.20+19.15%");
    expect(parts[1].textContent).toContain("€10,246.80");
    expect(toggle.getAttribute("aria-controls")!.split(" ")).toEqual(parts.map((part) => part.id));
    fireEvent.click(toggle);
    expect(msci.querySelectorAll(".holding-part")).toHaveLength(0);
    expect(within(holding("FR0000120271")).queryByRole("button"), "a holding in one account has nothing to open").toBeNull();
    expect(holding("FR0000120271").textContent).toContain("in PEA");
  });

  it("marks stale and computed holdings, explains each class, and says what the figures leave out", async () => {
    await openWealth(fakeCore("demo"));
    expect(holding("FR0000121014").querySelector(".badge.stale"), "LVMH was last valued 15 days ago").toBeTruthy();
    expect(holding("FR0000121014").textContent).toContain("Nov 10, 2026");
    expect(holding("US5949181045").querySelector(".badge.computed")).toBeTruthy();
    expect(holding("US0378331005").querySelector(".badge"), "Apple is fresh and read from the bank").toBeNull();
    fireEvent.focus(holding("FR0000121014").querySelector(".badge.stale")!);
    expect(screen.getByRole("tooltip").textContent).toBe("Last valued on Nov 10, 2026, more than 7 days ago.");
    fireEvent.blur(holding("FR0000121014").querySelector(".badge.stale")!);
    fireEvent.pointerEnter(holding("US5949181045").querySelector(".badge.computed")!);
    expect(screen.getByRole("tooltip").textContent).toBe("Computed by Powens rather than read from the bank: gain, gain %.");
    fireEvent.pointerLeave(holding("US5949181045").querySelector(".badge.computed")!);
    expect(screen.queryByRole("tooltip")).toBeNull();

    const classOf = (code: string) => holding(code).querySelector(".class-cell .tip") as HTMLElement;
    fireEvent.focus(classOf("FR0000120271"));
    expect(classOf("FR0000120271").getAttribute("aria-describedby")).toBe(screen.getByRole("tooltip").id);
    expect(screen.getByRole("tooltip").textContent).toBe("A security code with a quantity, and no fund in its name: a listed share.");
    fireEvent.keyDown(classOf("FR0000120271"), { key: "Escape" });
    expect(screen.queryByRole("tooltip")).toBeNull();
    fireEvent.focus(classOf("FR0010149120"));
    expect(screen.getByRole("tooltip").textContent, "the bond fund, from the bank's category").toBe("The bank files it under this category.");

    expect(byId("wealth-stale").textContent).toBe("2 positions were last valued more than 7 days ago: they are marked stale.");
    expect(byId("wealth-unvalued").textContent).toBe("1 position has no value from the bank yet: it counts in its account's balance only.");
    expect(byId("wealth-unconverted").textContent).toContain("No exchange rate for CHF, USD");
    expect(holding("US0378331005").querySelector(".holding-row td.amount")!.textContent, "no rate: no value in EUR").toBe("—");
    fireEvent.click(within(byId("wealth-unconverted")).getByRole("button", { name: "Add a rate in Settings" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeTruthy();
    expect(screen.getByLabelText("Rate currency")).toBeTruthy();
  });

  it("says what each account is made of, and why each line beside the positions counts where it does", async () => {
    await openWealth(withUsdRate());
    const account = (id: string) => document.querySelector(`[data-wealth-account="${id}"]`) as HTMLElement;
    const lineOf = (id: string) => account(id).querySelector(".made-of .tip") as HTMLElement;
    // The PEA: 38,639.00 of positions and 3,028.01 of cash beside them, making its 41,667.01 balance.
    expect(account("powens:6").textContent).toBe("PEA4 positionsCash €3,028.01€41,667.01€41,667.01");
    fireEvent.focus(lineOf("powens:6"));
    expect(screen.getByRole("tooltip").textContent).toBe("The account's balance beside its positions: the cash left in it.");
    fireEvent.blur(lineOf("powens:6"));
    // The US account: its positions are valued 329.71 above the bank's 19,344.09.
    expect(account("powens:8").textContent).toBe("Compte titres USD3 positionsOther -$329.71$19,344.09€17,796.56");
    fireEvent.focus(lineOf("powens:8"));
    expect(screen.getByRole("tooltip").textContent).toBe("The positions are valued above the bank's balance: their prices moved since the bank's figure.");
    fireEvent.blur(lineOf("powens:8"));
    // The holding's securities account: no positions known, counted whole from its type.
    expect(account("powens:5").textContent).toBe("Compte-titres sociétéOther€48,210.00€48,210.00");
    fireEvent.focus(lineOf("powens:5"));
    expect(screen.getByRole("tooltip").textContent).toBe("The account counted whole, from its type: its positions are not known.");
    fireEvent.blur(lineOf("powens:5"));
    expect(account("powens:7").textContent, "the valued positions make the whole balance").toBe("Assurance vie Vitalia4 positions€48,608.34€48,608.34");
    expect(account("powens:3").textContent).toMatch(/^Compte privé CHFCashCHF\s28,394\.20no exchange rate$/);
  });

  it("hides every amount, percentage and the column while privacy is on", async () => {
    await openWealth(fakeCore("demo"));
    expect(amountCells().some((cell) => /\d/.test(cell.textContent!))).toBe(true);
    fireEvent.keyDown(window, { key: "H", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.queryByRole("group", { name: "Allocation of the gross assets by class" })).toBeNull());
    expect(screen.getByRole("img", { name: "Allocation of the gross assets by class (hidden)" })).toBeTruthy();
    const shown = amountCells().map((cell) => cell.textContent!);
    expect(shown.length).toBeGreaterThan(30);
    expect(shown.filter((text) => /\d/.test(text))).toEqual([]);
    expect(classRow("equities").textContent).toBe("Equities••••• EUR•••••");
  });

  it("says when no bank delivered positions yet, and still shows the accounts' classes", async () => {
    await openWealth(fakeCore("demo", {}, { positions: false }));
    const empty = byId("wealth-no-positions");
    expect(within(empty).getByRole("heading", { name: "No investments yet" })).toBeTruthy();
    expect(empty.textContent).toContain("The bank data provider's wealth product delivers the positions of investment accounts");
    expect(byId("wealth-holdings")).toBeNull();
    // Counted whole from their type: the investment accounts are "other" until their positions come.
    expect(classRow("other").querySelector("td")!.textContent).toBe("€138,485.35");
    expect(byId("wealth-net-worth").textContent).toContain("€24,117.76");
    expect(byId("wealth-stale")).toBeNull();
  });

  it("says when there is nothing yet, or the owner of the view holds nothing", async () => {
    renderWith(fakeCore("live"));
    expect(await screen.findByText("No accounts yet")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Wealth" }));
    expect(await screen.findByRole("heading", { name: "Nothing to show yet" })).toBeTruthy();
    expect(byId("wealth-totals")).toBeNull();
  });

  it("speaks French", async () => {
    localStorage.setItem("pfo.language", "fr");
    await openWealth(fakeCore("demo"), "Patrimoine", "Patrimoine");
    expect(screen.getByRole("heading", { name: "Répartition par classe d'actifs" })).toBeTruthy();
    expect(classRow("euro_funds").querySelector("th")!.textContent).toBe("Fonds en euros");
    expect(screen.getByRole("columnheader", { name: "% des actifs bruts" })).toBeTruthy();
    expect(holding("LU1681043599").textContent).toContain("sur 2 comptes");
    expect(holding("FR0000121014").querySelector(".badge.stale")!.textContent).toBe("valeur ancienne");
    expect(holding("US5949181045").querySelector(".badge.computed")!.textContent).toBe("calculé par Powens");
    expect(byId("wealth-unconverted").textContent).toContain("Pas de taux de change pour CHF, USD");
    expect(byId("wealth-stale").textContent).toBe("2 lignes ont été valorisées il y a plus de 7 jours : elles sont marquées « valeur ancienne ».");
    fireEvent.click(within(holding("LU1681043599")).getByRole("button", { name: "Parts de Amundi MSCI World UCITS ETF par compte" }));
    expect(holding("LU1681043599").querySelectorAll(".holding-part")).toHaveLength(2);
  });
});
