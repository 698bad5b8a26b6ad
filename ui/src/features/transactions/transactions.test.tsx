// The transactions screen against the fake core: search, a window of rows, keyset pages, every filter, totals, CSV.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { fakeCore, transaction } from "../../test/fake-core";
import { renderWith } from "../../test/render";

const baseTransaction = transaction({});

describe("the transactions screen", () => {
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
});
