// The fake core's balance sheet keeps the core's promises in every view, with and without a rate: each account's
// composition adds up exactly to its part of the balance, the classes to the net worth, the holdings' parts to the
// positions' lines; the listing's totals are its lines', and a history ends on the position's own value.
import { describe, expect, it } from "vitest";
import { compareDecimals, multiplyDecimals, negateDecimal, sumDecimals } from "../lib/decimal";
import { fakeCore } from "./fake-core";

const VIEWS = [
  { view: null, basis: null },
  ...["o1", "o2", "o3", "o4", "o5"].flatMap((view) => (["usufruct", "bare_ownership"] as const).map((basis) => ({ view, basis }))),
];
const same = (a: string | null, b: string | null) => a !== null && b !== null && compareDecimals(a, b) === 0;

async function refreshed(rate: boolean) {
  const core = fakeCore("demo");
  await core.call("refresh", {});
  if (rate) core.call("set_exchange_rate", { input: { currency: "USD", rate: "0.92", asOf: "2026-11-01" } });
  return core;
}

describe("the fake core's balance sheet", () => {
  for (const rate of [false, true]) {
    it(`adds up exactly in every view ${rate ? "with a USD rate" : "without rates"}`, async () => {
      const core = await refreshed(rate);
      for (const scope of VIEWS) {
        const sheet = await core.call("get_wealth", { input: scope });
        const where = `${scope.view ?? "household"}/${scope.basis}`;
        for (const account of sheet.accounts) {
          if (account.value !== null) expect(same(sumDecimals(account.composition.map((l) => l.amount)), account.value), `${where} ${account.accountId}`).toBe(true);
        }
        if (sheet.netWorth !== null) expect(same(sumDecimals(sheet.byClass.map((c) => c.amount)), sheet.netWorth), where).toBe(true);
        if (sheet.netWorth !== null) expect(same(sumDecimals(sheet.byCurrency.map((c) => c.amount)), sheet.netWorth), where).toBe(true);
        expect(same(sumDecimals([sheet.assets, negateDecimal(sheet.liabilities)]), sheet.netWorth ?? sumDecimals([sheet.assets, negateDecimal(sheet.liabilities)])), where).toBe(true);
        const lines = sheet.accounts.flatMap((a) => a.composition.filter((l) => l.positionId !== null).map((l) => ({ ...l, accountId: a.accountId })));
        const parts = sheet.holdings.flatMap((h) => h.parts);
        expect(parts.map((p) => p.positionId).sort(), where).toEqual(lines.map((l) => l.positionId).sort());
        for (const part of parts) expect(same(part.valuation, lines.find((l) => l.positionId === part.positionId)!.amount)).toBe(true);
        const values = sheet.holdings.map((h) => h.valueInBase ?? "0");
        expect([...values].sort((a, b) => compareDecimals(b, a)), `${where}: largest first`).toEqual(values);
      }
    });
  }

  it("lists each account's positions at the view's part, with totals of the held ones", async () => {
    const core = await refreshed(false);
    for (const scope of VIEWS) {
      const listed = await core.call("list_investments", { input: { accountIds: [], includeEnded: true, ...scope } });
      for (const total of listed.portfolios) {
        const held = listed.positions.filter((l) => l.position.accountId === total.accountId && l.position.endedOn === null);
        expect(total.positions).toBe(held.length);
        expect(same(total.shareValuation, sumDecimals(held.flatMap((l) => (l.shareValuation ? [l.shareValuation] : []))))).toBe(true);
        for (const line of held) if (line.position.valuation) expect(same(line.shareValuation, multiplyDecimals(line.position.valuation, line.fraction))).toBe(true);
      }
    }
    const household = await core.call("list_investments", { input: { accountIds: [], includeEnded: false, view: null, basis: null } });
    expect(household.portfolios.map((p) => [p.accountId, p.valuation, p.unvalued])).toEqual([
      ["powens:6", "38639.00", 0],
      ["powens:7", "48608.34", 1],
      ["powens:8", "19673.80", 0],
    ]);
    for (const line of household.positions) {
      const { snapshots } = await core.call("investment_history", { input: { positionId: line.position.id } });
      if (line.position.valuation === null) expect(snapshots).toEqual([]);
      else expect(snapshots.at(-1)).toMatchObject({ valueDate: line.position.valueDate, valuation: line.position.valuation });
    }
    expect(() => core.call("investment_history", { input: { positionId: "powens:1" } })).toThrow();
  });
});
