// The Loans card of the Wealth screen against the fake core's mortgage: its capital due, rate, interest and
// insurance still to pay, the next three payments split, the maturity and the schedule's chart; the fake's schedule
// itself (constant payments whose principal parts add up to the capital due); "whole loan" in an owner's view, the
// privacy switch, and the card in French.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { compareDecimals, sumDecimals } from "../../lib/decimal";
import { fakeCore, recordingCore } from "../../test/fake-core";
import { fakeMortgageSchedule } from "../../test/fake-loans";
import { renderWith } from "../../test/render";

const mortgage = () => document.querySelector('#wealth-loans [data-loan="powens:2"]') as HTMLElement;
const figure = (name: string) => mortgage().querySelector(`[data-figure="${name}"]`)!.textContent;

async function openWealthLoans(core: ReturnType<typeof fakeCore>, button = "Wealth") {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
  fireEvent.click(screen.getByRole("button", { name: button }));
  await waitFor(() => expect(mortgage()).toBeTruthy());
}

describe("the fake mortgage's schedule", () => {
  it("pays the same each month, and its principal still to come adds up to the capital due", () => {
    const { periods, payment, insurance } = fakeMortgageSchedule("120000.50");
    expect(periods).toHaveLength(240);
    const coming = periods.filter((p) => p.paymentDate > "2026-11-25");
    expect(coming).toHaveLength(170);
    expect(sumDecimals(coming.map((p) => p.principal))).toBe("120000.50");
    expect(coming[0].total).toBe(payment);
    expect(new Set(periods.slice(0, -1).map((p) => p.total)).size, "constant payments").toBe(1);
    for (const p of periods) expect(sumDecimals([p.principal, p.interest, p.insurance])).toBe(sumDecimals([p.total, "0"]));
    expect(periods.at(-1)!.remainingCapital).toBe("0.00");
    expect(Math.abs(Number(periods.at(-1)!.total) - Number(payment)), "the last payment repays only a few cents more or less").toBeLessThan(1);
    expect(periods.every((p) => p.insurance === insurance)).toBe(true);
    // Interest falls as the capital is repaid.
    expect(compareDecimals(coming[0].interest, coming[100].interest)).toBe(1);
  });
});

describe("the Loans card", () => {
  it("states the mortgage's capital due, rate, what it still costs, its next three payments and its schedule", async () => {
    const { core, sent } = recordingCore("demo", ["get_loans"]);
    await openWealthLoans(core);
    expect(sent.get_loans.at(-1)).toEqual({ schedule: true });
    expect(mortgage().querySelector("h3")!.textContent).toBe("Prêt immobilier");
    expect(figure("capital")).toBe("€120,000.50");
    expect(figure("rate")).toBe("1.97% · insurance 0.36%");
    expect(figure("maturity")).toBe("Jan 5, 2041 · 70 of 240 payments made");
    const loan = (core.call("get_loans", { input: { schedule: true } }) as { loans: { interestToPay: string; insuranceToPay: string }[] }).loans[0];
    expect(figure("interest")).toBe(`€${Number(loan.interestToPay).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
    expect(figure("insurance")).toBe(`€${Number(loan.insuranceToPay).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
    const rows = [...mortgage().querySelectorAll(".next-payments tbody tr")];
    expect(rows.map((row) => row.querySelector("th")!.textContent)).toEqual(["Dec 5, 2026", "Jan 5, 2027", "Feb 5, 2027"]);
    const [principal, interest, insurance, total] = [...rows[0].querySelectorAll("td")].map((cell) => Number(cell.textContent!.replace(/[€,]/g, "")));
    expect(principal + interest + insurance).toBeCloseTo(total, 2);
    expect(screen.getByRole("img", { name: "Capital due on Prêt immobilier over its schedule" })).toBeTruthy();
  });

  it("says 'whole loan' in an owner's view, and hides its amounts with the privacy switch", async () => {
    await openWealthLoans(fakeCore("demo"));
    expect(mortgage().textContent).not.toContain("whole loan");
    fireEvent.change(screen.getByLabelText("View"), { target: { value: "o2" } });
    await waitFor(() => expect(mortgage().querySelector(".whole-loan")!.textContent).toContain("whole loan"));
    expect(figure("capital"), "the whole capital, not a part").toBe("€120,000.50");
    fireEvent.keyDown(window, { key: "H", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(figure("capital")).toBe("••••• EUR"));
    expect([...mortgage().querySelectorAll("dd.mono, td.amount")].filter((cell) => /\d/.test(cell.textContent!))).toEqual([]);
    expect(screen.getByRole("img", { name: "Capital due on Prêt immobilier over its schedule (hidden)" })).toBeTruthy();
  });

  it("speaks French", async () => {
    localStorage.setItem("pfo.language", "fr");
    await openWealthLoans(fakeCore("demo"), "Patrimoine");
    expect(screen.getByRole("heading", { level: 2, name: "Prêts" })).toBeTruthy();
    expect(figure("maturity")).toContain("70 échéances payées sur 240");
    expect(mortgage().querySelector(".next-payments caption")!.textContent).toBe("Prochaines échéances");
  });
});
