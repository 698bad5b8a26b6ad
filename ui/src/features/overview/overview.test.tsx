// The financial overview against the fake core: generate for a period, figures, the core's charts, export, history.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
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
});
