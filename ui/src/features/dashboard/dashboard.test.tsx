// The dashboard against the fake core: balances per currency, live net worth and cashflow, connections, and the
// net-worth trend drawn from the document's own figures: labelled axes, and the value under the pointer or the keys.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore } from "../../test/fake-core";
import { overviewDocument } from "../../test/fake-overview";
import { renderWith } from "../../test/render";
import { netWorthPoints } from "./Dashboard";

/** The dashboard's trend chart, once drawn, laid out 760 px wide from the left edge (jsdom has no layout). */
async function trendChart(): Promise<SVGSVGElement> {
  const chart = (await screen.findByRole("img", { name: "Net worth over the last 12 months" })) as unknown as SVGSVGElement;
  chart.getBoundingClientRect = () => ({ left: 0, top: 0, width: 760, height: 280, right: 760, bottom: 280, x: 0, y: 0, toJSON: () => ({}) });
  return chart;
}

const tooltip = () => document.querySelector<HTMLElement>('#dashboard-trend [role="tooltip"]');
const announced = () => document.querySelector("#dashboard-trend [aria-live]")!.textContent;

describe("the dashboard", () => {
  it("shows consolidated balances per currency, live net worth, cashflow and connections", async () => {
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
    expect(chf.textContent).toContain("1 account");
    expect(document.querySelector('[data-currency="EUR"]')!.textContent).toContain("6 accounts");
    expect(connections.querySelector('[data-connection="102"]')!.textContent).toContain("Boursorama");
  });

  it("leads from the connections that call for an action to the Connections screen", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    const connections = await waitFor(() => {
      const card = document.querySelector("#dashboard-connections") as HTMLElement | null;
      expect(card).toBeTruthy();
      return card!;
    });
    fireEvent.click(within(connections).getByRole("button", { name: "Open Connections" }));
    expect(await screen.findByRole("heading", { name: "Connections", level: 1 })).toBeTruthy();
  });

  it("draws the net-worth trend from the document: its opening, then each date's value", () => {
    expect(netWorthPoints(overviewDocument())).toEqual([
      { date: "2026-08-31", value: "-91000.00" },
      { date: "2026-09-30", value: "-90500.00" },
      { date: "2026-10-31", value: "-89500.00" },
      { date: "2026-11-25", value: "-88734.03" },
    ]);
  });

  it("labels the trend's axes with dates across and amounts up", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    const chart = await trendChart();
    const xAxis = [...chart.querySelectorAll(".x-axis text")].map((text) => text.textContent);
    const yAxis = [...chart.querySelectorAll(".y-axis text")].map((text) => text.textContent);
    expect(xAxis).toEqual(["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Date"]);
    expect(yAxis).toEqual(["-€91K", "-€90K", "-€89K", "-€88K", "Net worth (EUR)"]);
    expect(tooltip()).toBeNull();
  });

  it("shows the date and value under the pointer, and nothing once the pointer leaves", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    const chart = await trendChart();
    // 2026-10-31 lies 61 of the 86 days along the 644 px of the plot, which starts 92 px in.
    fireEvent.pointerMove(chart, { clientX: 92 + (61 / 86) * 644 + 10, clientY: 100 });
    expect(within(tooltip()!).getByText("Oct 31, 2026")).toBeTruthy();
    expect(within(tooltip()!).getByText("-€89,500.00")).toBeTruthy();
    expect(announced()).toBe("Oct 31, 2026: -€89,500.00");
    fireEvent.pointerMove(chart, { clientX: 5, clientY: 100 });
    expect(tooltip()!.textContent).toBe("Aug 31, 2026-€91,000.00");
    fireEvent.pointerLeave(chart);
    expect(tooltip()).toBeNull();
    expect(announced()).toBe("");
  });

  it("reads every point with the keyboard once the chart has focus", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    const chart = await trendChart();
    expect(chart.getAttribute("tabindex")).toBe("0");
    fireEvent.focus(chart);
    expect(tooltip()!.textContent).toBe("Nov 25, 2026-€88,734.03");
    fireEvent.keyDown(chart, { key: "ArrowLeft" });
    expect(announced()).toBe("Oct 31, 2026: -€89,500.00");
    fireEvent.keyDown(chart, { key: "Home" });
    expect(announced()).toBe("Aug 31, 2026: -€91,000.00");
    fireEvent.keyDown(chart, { key: "ArrowLeft" });
    expect(announced()).toBe("Aug 31, 2026: -€91,000.00");
    fireEvent.keyDown(chart, { key: "End" });
    expect(announced()).toBe("Nov 25, 2026: -€88,734.03");
    fireEvent.blur(chart);
    expect(tooltip()).toBeNull();
  });

  it("hides the trend with the amounts", async () => {
    localStorage.setItem("pfo.privacy", "on");
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    expect(await screen.findByRole("img", { name: "Net worth over the last 12 months (hidden)" })).toBeTruthy();
    expect(document.querySelector("#dashboard-trend")).toBeNull();
  });
});
