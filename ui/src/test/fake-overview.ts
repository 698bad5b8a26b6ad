// A realistic overview document and charts for UI tests, shaped like what pfo-core generates for the demo household.
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { OverviewAccount } from "../bindings/OverviewAccount";
import type { OverviewCharts } from "../bindings/OverviewCharts";
import type { OverviewDocument } from "../bindings/OverviewDocument";

const checking: OverviewAccount = {
  id: "powens:1", name: "Compte de dépôt", institution: "BNP Paribas", maskedNumber: "•••• 6548",
  accountType: "checking", currency: "EUR", liability: false,
};
const loan: OverviewAccount = {
  id: "powens:2", name: "Prêt immobilier", institution: "BNP Paribas", maskedNumber: "•••• 2402",
  accountType: "loan", currency: "EUR", liability: true,
};
const chf: OverviewAccount = {
  id: "powens:3", name: "Compte privé CHF", institution: "Swissquote", maskedNumber: "•••• 8115",
  accountType: "checking", currency: "CHF", liability: false,
};

const months = ["2026-09", "2026-10", "2026-11"];

export function overviewDocument(): OverviewDocument {
  return {
    schemaVersion: 1,
    generatedAt: "2026-11-25T08:00:00Z",
    period: { start: "2026-09-01", end: "2026-11-25", granularity: "day", previousStart: "2026-06-08", previousEnd: "2026-08-31" },
    baseCurrency: "EUR",
    view: { owner: null, basis: "usufruct", shares: [], shareChanges: [] },
    ratesUsed: [{ currency: "CHF", rate: "1.05", asOf: "2026-11-01" }],
    excludedAccounts: [],
    netWorth: {
      perCurrency: [
        { currency: "CHF", assets: "28394.20", liabilities: "0.00", net: "28394.20" },
        { currency: "EUR", assets: "1452.56", liabilities: "-120000.50", net: "-118547.94" },
      ],
      base: { currency: "EUR", assets: "31266.47", liabilities: "-120000.50", net: "-88734.03" },
      accounts: [
        { account: checking, balance: "1452.56", baseValue: "1452.56" },
        { account: loan, balance: "-120000.50", baseValue: "-120000.50" },
        { account: chf, balance: "28394.20", baseValue: "29813.91" },
      ],
    },
    byOwner: [],
    cashflow: {
      months: months.map((month, i) => ({
        month, income: "7083.27", expenses: ["5735.22", "6120.10", "3010.00"][i], transfers: "1150.00",
        net: ["2498.05", "2113.17", "5223.27"][i], savingsRate: [19.0, 13.6, 57.5][i],
      })),
      total: { month: "total", income: "21249.81", expenses: "14865.32", transfers: "3450.00", net: "9834.49", savingsRate: 30.0 },
      perCurrency: [{ currency: "EUR", income: "21249.81", expenses: "14865.32", transfers: "3450.00", net: "9834.49" }],
    },
    categories: {
      months,
      spending: [
        { category: "food", months: ["1800.00", "1900.00", "1200.00"], total: "4900.00", previousTotal: "4100.00", change: "800.00", changePercent: 19.5, sharePercent: 33.0 },
        { category: "housing", months: ["3450.00", "3450.00", "1150.00"], total: "8050.00", previousTotal: "8050.00", change: "0.00", changePercent: 0.0, sharePercent: 54.2 },
      ],
      income: [{ category: "income", months: ["7083.27", "7083.27", "7083.27"], total: "21249.81", previousTotal: "21100.00", change: "149.81", changePercent: 0.7, sharePercent: 100.0 }],
    },
    trends: {
      dates: ["2026-09-30", "2026-10-31", "2026-11-25"],
      accounts: [{ account: checking, opening: "900.00", values: ["1100.00", "1300.00", "1452.56"], reconstructed: [true, true, false] }],
      perCurrency: [{ currency: "EUR", opening: "-121000.00", values: ["-120500.00", "-119000.00", "-118547.94"] }],
      base: { currency: "EUR", opening: "-91000.00", values: ["-90500.00", "-89500.00", "-88734.03"] },
    },
    notable: {
      largestMovements: [
        { date: "2026-10-05", category: "housing", account: checking, amount: "-1150.00" },
        { date: "2026-10-27", category: "income", account: checking, amount: "4098.23" },
      ],
      recurringCharges: [
        { category: "housing", account: checking, cadence: "monthly", typicalAmount: "-1150.00", occurrences: 12, lastDate: "2026-11-05", nextExpected: "2026-12-05" },
      ],
      pending: [{ currency: "EUR", count: 3, amount: "-491.60" }],
      balanceMismatches: [],
      expiringConsents: [{ institution: "Swissquote", expiresOn: "2026-12-10", daysLeft: 15 }],
    },
  };
}

function svg(title: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="880" height="380" viewBox="0 0 880 380" role="img" aria-label="${title}"><title>${title}</title><rect width="880" height="380" fill="#ffffff"/><polyline fill="none" stroke="${color}" stroke-width="3" points="90,300 300,220 520,240 860,80"/></svg>`;
}

export function overviewCharts(): OverviewCharts {
  return {
    trend: svg("Net worth and account balances (EUR)", "#2563eb"),
    cashflow: svg("Cashflow per month (EUR)", "#16a34a"),
    categories: svg("Spending by category (EUR)", "#dc2626"),
    owners: null,
    readings: {
      trend: { axis: "x", width: 880, height: 380, bands: [] },
      cashflow: { axis: "x", width: 880, height: 380, bands: [] },
      categories: { axis: "y", width: 880, height: 380, bands: [] },
      owners: null,
    },
  };
}

export function summary(revision: number, start = "2026-09-01", end = "2026-11-25"): DocumentSummary {
  return {
    revision, kind: "overview", title: `Financial overview ${start} → ${end}`, periodStart: start, periodEnd: end,
    createdAt: `2026-11-2${revision}T08:00:00Z`, expiresAt: "2027-05-24T08:00:00Z",
  };
}
