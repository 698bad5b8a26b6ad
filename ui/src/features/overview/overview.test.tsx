// The financial overview against the fake core: generate for a period, figures, the core's charts (read under the
// pointer), export, history; whose view a document is, and net worth by owner with names looked up in the window.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";

describe("the financial overview", () => {
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
    expect(charts.map((c) => c.getAttribute("alt"))).toEqual(["Net worth and account balances", "Cashflow per month", "Spending by category", "Net worth by owner"]);
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

  it("generates in the selected view and says whose view the document is, with the view's parts", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.change(screen.getByLabelText("View"), { target: { value: "o1" } });
    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Generate now" }));
    const line = await waitFor(() => {
      const found = document.querySelector("#overview-view") as HTMLElement | null;
      expect(found).toBeTruthy();
      return found!;
    });
    expect(line.textContent).toContain("View: Camille · usufruct counted");
    expect(document.querySelector("#overview-view-shares")!.textContent).toContain("Compte de dépôt 50%, Prêt immobilier 55%");
    expect(document.querySelector("#overview-other-view")).toBeNull();
    // Switching the view leaves the document as it is, and says Generate now would make one for the new view.
    fireEvent.change(screen.getByLabelText("View"), { target: { value: "" } });
    expect(await screen.findByText("The view selected above is another one: Generate now makes the overview for it.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Generate now" }));
    await waitFor(() => expect(document.querySelector("#overview-view")!.textContent).toContain("View: the household, every account whole"));
    expect(document.querySelector("#overview-other-view")).toBeNull();
  });

  it("shows net worth by owner with names, roles, direct holdings and each entity held through, and its chart", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Generate now" }));
    const table = await waitFor(() => {
      const found = document.querySelector("#overview-by-owner") as HTMLElement | null;
      expect(found).toBeTruthy();
      return found!;
    });
    const owner = (id: string) => table.querySelector(`[data-owner-id="${id}"]`) as HTMLElement;
    expect(owner("o1").textContent).toContain("Camille");
    expect(owner("o1").textContent).toContain("Main person");
    // Half the joint account, the CHF account (to assign, so the primary's) at the document's 1.05, her PEA, and half
    // the US securities account at 0.92: 726.28 + 29,813.91 + 41,667.01 + 8,898.2814.
    expect(owner("o1").querySelector(".direct")!.textContent).toBe("€81,105.48");
    expect(owner("o1").querySelector('[data-entity="o4"]')!.textContent).toBe("60% of Exemple Participations SAS -€7,074.15");
    expect(owner("o1").querySelector('[data-entity="o5"]')!.textContent).toContain("25% of SCI Exemple Patrimoine");
    expect(owner("o4").textContent).toContain("Holding company");
    expect(owner("o4").querySelector(".net-worth")!.textContent).toBe("-€11,790.25");
    expect(owner("o3").querySelector(".through")!.textContent).toBe("—");
    expect(table.textContent, "documents carry ids; the window names them").not.toContain("(o1)");
    expect(await within(table).findByRole("img", { name: "Net worth by owner" })).toBeTruthy();
  });

  it("reads each chart's figures under the pointer from the readings the core sent", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Generate now" }));
    const trend = await screen.findByRole("group", { name: "Net worth and account balances" });
    trend.getBoundingClientRect = () => ({ left: 0, top: 0, width: 880, height: 380, right: 880, bottom: 380, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerMove(trend, { clientX: 850, clientY: 100 });
    const tooltip = within(trend).getByRole("tooltip");
    expect(tooltip.textContent).toContain("25 Nov 2026");
    expect(tooltip.textContent).toContain("Net worth-88,734.03 EUR");
    expect(screen.getByRole("group", { name: "Cashflow per month" })).toBeTruthy();
    expect(screen.getByRole("group", { name: "Spending by category" })).toBeTruthy();
  });
});
