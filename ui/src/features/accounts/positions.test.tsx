// An investment account's page against the fake core's demo family: its positions (ISIN, units, unit value, value,
// gain and gain %, value day, marks) and their total, an owner's share with the whole on hover, sold and unvalued
// positions, and a position's value history with its snapshots' count and days, and its returns over each period.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore, recordingCore } from "../../test/fake-core";
import { FAKE_POSITIONS, fakeHistory } from "../../test/fake-investments";
import { renderWith } from "../../test/render";

const positionRow = (id: string) => document.querySelector(`#account-positions [data-position-id="${id}"]`) as HTMLElement;
const cells = (id: string) => [...positionRow(id).querySelectorAll("td")].map((cell) => cell.textContent);
const heldRows = () => [...document.querySelectorAll<HTMLElement>("#account-positions tr.position-row")];

/** The page of an account, opened from the Accounts screen, once its positions (or their absence) show. */
async function openAccount(core: ReturnType<typeof fakeCore>, name: string) {
  renderWith(core);
  fireEvent.click(await screen.findByRole("button", { name }));
  expect(await screen.findByRole("heading", { level: 1, name })).toBeTruthy();
}

describe("an investment account's page", () => {
  it("lists its positions, largest first, with their figures and marks, and their total", async () => {
    const { core, sent } = recordingCore("demo", ["list_investments"]);
    await openAccount(core, "PEA");
    await waitFor(() => expect(heldRows()).toHaveLength(4));
    expect(sent.list_investments.at(-1)).toEqual({ accountIds: ["powens:6"], includeEnded: false, view: null, basis: null });
    expect(heldRows().map((row) => row.querySelector(".position-name")!.textContent)).toEqual(["Amundi MSCI World UCITS ETF", "TotalEnergies SE", "LVMH Moët Hennessy Louis Vuitton", "Air Liquide"]);
    expect(positionRow("powens:9001").querySelector("th")!.textContent).toContain("ISIN LU1681043599 · CW8");
    expect(cells("powens:9001")).toEqual(["30", "€512.34", "€15,370.20", "+€2,470.20", "+19.15%", "Nov 24, 2026"]);
    expect(cells("powens:9003")).toEqual(["12", "€612.40", "€7,348.80", "-€1,075.20", "-12.76%", "Nov 10, 2026"]);
    expect(positionRow("powens:9003").querySelector(".gain")!.className).toContain("negative");
    expect(positionRow("powens:9003").querySelector(".badge.stale"), "valued 15 days ago, as the balance sheet says").toBeTruthy();
    expect(positionRow("powens:9004").querySelector(".badge.computed")).toBeTruthy();
    expect(positionRow("powens:9001").querySelector(".badge")).toBeNull();
    // 15,370.20 + 9,180.00 + 7,348.80 + 6,740.00; the rest of the 41,667.01 balance is cash.
    expect(document.querySelector("#positions-total")!.textContent).toBe("€38,639.00");
    expect(document.querySelector("#account-positions tfoot")!.textContent).toContain("4 positions held");
  });

  it("shows no positions card on an account that holds none, and says when the bank delivered none yet", async () => {
    await openAccount(fakeCore("demo"), "Compte de dépôt");
    await screen.findByText("2 balance snapshots");
    expect(document.querySelector("#account-positions")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "← All accounts" }));
    fireEvent.click(await screen.findByRole("button", { name: "Compte-titres société" }));
    expect(await screen.findByText("No positions yet: the bank data provider's wealth product delivers them at the next refresh.")).toBeTruthy();
  });

  it("shows an owner's share of each position and its gain, with the whole position on hover", async () => {
    const { core, sent } = recordingCore("demo", ["list_investments"]);
    renderWith(core);
    await screen.findByText("Compte titres USD");
    fireEvent.change(screen.getByLabelText("View"), { target: { value: "o1" } });
    fireEvent.click(await screen.findByRole("button", { name: "Compte titres USD" }));
    await waitFor(() => expect(positionRow("powens:9201")).toBeTruthy());
    expect(sent.list_investments.at(-1)).toEqual({ accountIds: ["powens:8"], includeEnded: false, view: "o1", basis: "usufruct" });
    expect(screen.getByRole("columnheader", { name: "Share" })).toBeTruthy();
    // Camille holds half the spouses' US account: half of 9,140.00 and of its 2,248.00 gain; the ratio is the bank's.
    expect(cells("powens:9201")).toEqual(["40", "$228.50", "$4,570.00", "+$1,124.00", "+32.62%", "Nov 24, 2026"]);
    expect(positionRow("powens:9201").querySelectorAll("td")[2].getAttribute("title")).toBe("50% of the whole position, $9,140.00");
    expect(document.querySelector("#positions-total")!.textContent, "half of 19,673.80").toBe("$9,836.90");
  });

  it("lists sold positions on request, and the ones the bank has not valued apart from the total", async () => {
    const { core, sent } = recordingCore("demo", ["list_investments"]);
    await openAccount(core, "PEA");
    await waitFor(() => expect(heldRows()).toHaveLength(4));
    fireEvent.click(screen.getByLabelText("Show sold positions"));
    await waitFor(() => expect(heldRows()).toHaveLength(5));
    expect(sent.list_investments.at(-1)).toMatchObject({ accountIds: ["powens:6"], includeEnded: true });
    expect(heldRows().at(-1)!.dataset.positionId, "sold ones last").toBe("powens:9005");
    expect(positionRow("powens:9005").textContent).toContain("sold or gone on Oct 15, 2026");
    expect(document.querySelector("#positions-total")!.textContent, "the total is of the held ones").toBe("€38,639.00");

    fireEvent.click(screen.getByRole("button", { name: "← All accounts" }));
    fireEvent.click(await screen.findByRole("button", { name: "Assurance vie Vitalia" }));
    await waitFor(() => expect(positionRow("powens:9105")).toBeTruthy());
    expect(cells("powens:9101"), "a euro fund has no units").toEqual(["—", "—", "€30,250.00", "+€1,250.00", "+4.31%", "Nov 20, 2026"]);
    expect(cells("powens:9105").slice(0, 3)).toEqual(["4.2", "—", "not valued yet"]);
    expect(document.querySelector("#account-positions tfoot")!.textContent).toContain("5 positions held1 not valued yet, left out of the total");
    expect(document.querySelector("#positions-total")!.textContent, "the whole balance, 48,608.34").toBe("€48,608.34");
    fireEvent.click(within(positionRow("powens:9105")).getByRole("button", { name: "Comgest Monde C" }));
    expect(await screen.findByText("No value recorded yet: the bank has not valued this position.")).toBeTruthy();
  });

  it("shows a position's value history, with its snapshots' count and days, read under the pointer", async () => {
    const { core, sent } = recordingCore("demo", ["investment_history"]);
    await openAccount(core, "PEA");
    const name = await waitFor(() => within(positionRow("powens:9001")).getByRole("button", { name: "Amundi MSCI World UCITS ETF" }));
    expect(name.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(name);
    expect(name.getAttribute("aria-pressed")).toBe("true");
    const chart = await screen.findByRole("img", { name: "Value history of Amundi MSCI World UCITS ETF" });
    expect(sent.investment_history).toEqual([{ positionId: "powens:9001" }]);
    expect(document.querySelector("#position-history-range")!.textContent).toBe("12 value snapshots, from Sep 8, 2026 to Nov 24, 2026");
    expect(chart.querySelector(".y-axis .axis-title")!.textContent).toBe("Value (EUR)");
    const months = [...chart.querySelectorAll(".x-axis text:not(.axis-title)")].map((text) => text.textContent);
    expect(months, "each month written once").toEqual(["Sep 2026", "Oct 2026", "Nov 2026"]);
    chart.getBoundingClientRect = () => ({ left: 0, top: 0, width: 760, height: 280, right: 760, bottom: 280, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerMove(chart, { clientX: 740, clientY: 100 });
    const tooltip = within(document.querySelector("#position-history") as HTMLElement).getByRole("tooltip");
    expect(tooltip.textContent).toBe("Nov 24, 2026€15,370.20");
    fireEvent.click(screen.getByRole("button", { name: "Close the history" }));
    expect(document.querySelector("#position-history")).toBeNull();
  });

  it("shows a position's returns per period, each measure or why it is missing, explained on hover", async () => {
    await openAccount(fakeCore("demo"), "PEA");
    fireEvent.click(await waitFor(() => within(positionRow("powens:9001")).getByRole("button", { name: "Amundi MSCI World UCITS ETF" })));
    const table = await waitFor(() => document.querySelector<HTMLElement>("#position-returns") ?? Promise.reject(new Error("no returns yet")));
    const row = (period: string) => [...table.querySelectorAll(`tr[data-period="${period}"] th, tr[data-period="${period}"] td`)].map((cell) => cell.textContent);
    // Units unchanged: the time-weighted return is last/first − 1, from the fake's own snapshots.
    const history = fakeHistory(FAKE_POSITIONS[0].record);
    expect(Number(history.at(-1)!.valuation) / Number(history[0].valuation) - 1).toBeCloseTo(0.1388117095, 9);
    expect(row("since_first")).toEqual(["Since the first value", "Sep 8, 2026", "+13.88%", "+85.18%"]);
    expect(row("one_month")).toEqual(["Last month", "Oct 20, 2026", "+5.29%", "+71.11%"]);
    expect(row("year_to_date")).toEqual(["Year to date", "—", "Not enough history yet", "Not enough history yet"]);
    expect(row("one_year")[2]).toBe("Not enough history yet");
    fireEvent.pointerEnter(within(table).getByText("Time-weighted"));
    expect(within(table).getByRole("tooltip").textContent).toContain("deposits and withdrawals taken out");
    fireEvent.pointerEnter(within(table).getByText("Money-weighted, a year"));
    expect(within(table).getAllByRole("tooltip").at(-1)!.textContent).toContain("(XIRR)");
  });

  it("says a euro fund's returns cannot be told from its deposits, and its start day", async () => {
    await openAccount(fakeCore("demo"), "Assurance vie Vitalia");
    fireEvent.click(await waitFor(() => within(positionRow("powens:9101")).getByRole("button", { name: "Fonds Euro Vitalia" })));
    const table = await waitFor(() => document.querySelector<HTMLElement>("#position-returns") ?? Promise.reject(new Error("no returns yet")));
    const since = table.querySelector('tr[data-period="since_first"]') as HTMLElement;
    expect(since.textContent).toContain("The bank gives no units for this line, so deposits cannot be told from gains");
    expect(since.querySelectorAll("td")[0].textContent).toBe("Sep 4, 2026");
  });

  it("says whose part of a position's history an owner's view shows, and speaks French", async () => {
    localStorage.setItem("pfo.language", "fr");
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte titres USD");
    fireEvent.change(screen.getByLabelText("Vue"), { target: { value: "o2" } });
    fireEvent.click(await screen.findByRole("button", { name: "Compte titres USD" }));
    fireEvent.click(await waitFor(() => within(positionRow("powens:9202")).getByRole("button", { name: "Microsoft Corp." })));
    await waitFor(() => expect(document.querySelector("#position-history-range")!.textContent).toContain("8 valeurs enregistrées, du"));
    expect(document.querySelector("#position-history-range")!.textContent).toContain("la ligne entière, dont Dominique détient 50");
    expect(screen.getByRole("heading", { name: "Lignes" })).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "+/- value %" })).toBeTruthy();
    expect(positionRow("powens:9202").querySelector(".badge.computed")!.textContent).toBe("calculé par Powens");
  });
});
