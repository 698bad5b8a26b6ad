// A realistic overview document and charts for UI tests, shaped like what pfo-core generates for the demo household.
import type { ChartReadings } from "../bindings/ChartReadings";
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { DocumentView } from "../bindings/DocumentView";
import type { OverviewAccount } from "../bindings/OverviewAccount";
import type { OverviewCharts } from "../bindings/OverviewCharts";
import type { OverviewDocument } from "../bindings/OverviewDocument";
import type { OwnerWorth } from "../bindings/OwnerWorth";

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

const HOUSEHOLD_VIEW: DocumentView = { owner: null, basis: "usufruct", shares: [], shareChanges: [] };

/** The rates the document consolidates at, for computing its net worth by owner. */
export const documentRate = (currency: string) => (currency === "CHF" ? 1.05 : currency === "USD" ? 0.92 : 1);

/** The document of a view (the household's by default), with every owner's net worth when given. */
export function overviewDocument(view: DocumentView = HOUSEHOLD_VIEW, byOwner: OwnerWorth[] = []): OverviewDocument {
  return {
    schemaVersion: 1,
    generatedAt: "2026-11-25T08:00:00Z",
    period: { start: "2026-09-01", end: "2026-11-25", granularity: "day", previousStart: "2026-06-08", previousEnd: "2026-08-31" },
    baseCurrency: "EUR",
    view,
    ratesUsed: [{ currency: "CHF", rate: "1.05", asOf: "2026-11-01" }, { currency: "USD", rate: "0.92", asOf: "2026-11-01" }],
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
    byOwner,
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

function svg(title: string, color: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="880" height="380" viewBox="0 0 880 380" role="img" aria-label="${title}"><title>${title}</title><rect width="880" height="380" fill="#ffffff"/><text x="20" y="28" font-family="sans-serif" font-size="18" fill="#16202c">${title}</text>${body.replaceAll("COLOR", color)}</svg>`;
}

const reading = (series: string, value: string) => ({ series, value });
/** Bands around evenly spaced centres between two edges, as the core's readings::bands makes them. */
function bands(from: number, to: number, items: { label: string; values: { series: string; value: string }[] }[]) {
  const step = (to - from) / items.length;
  return items.map((item, index) => ({ from: from + index * step, to: from + (index + 1) * step, ...item }));
}

const trendReadings: ChartReadings = {
  axis: "x", width: 880, height: 380,
  bands: bands(90, 860, [
    { label: "30 Sept 2026", values: [reading("Net worth", "-90,500.00 EUR"), reading("Compte de dépôt", "1,100.00 EUR")] },
    { label: "31 Oct 2026", values: [reading("Net worth", "-89,500.00 EUR"), reading("Compte de dépôt", "1,300.00 EUR")] },
    { label: "25 Nov 2026", values: [reading("Net worth", "-88,734.03 EUR"), reading("Compte de dépôt", "1,452.56 EUR")] },
  ]),
};
const cashflowReadings: ChartReadings = {
  axis: "x", width: 880, height: 380,
  bands: bands(90, 860, months.map((_, i) => ({
    label: ["Sept 2026", "Oct 2026", "Nov 2026"][i],
    values: [reading("Income", "7,083.27 EUR"), reading("Expenses", ["5,735.22 EUR", "6,120.10 EUR", "3,010.00 EUR"][i]), reading("Net", ["2,498.05 EUR", "2,113.17 EUR", "5,223.27 EUR"][i])],
  }))),
};
const categoryReadings: ChartReadings = {
  axis: "y", width: 880, height: 380,
  bands: bands(60, 330, [
    { label: "housing", values: [reading("This period", "8,050.00 EUR"), reading("Previous period", "8,050.00 EUR")] },
    { label: "food", values: [reading("This period", "4,900.00 EUR"), reading("Previous period", "4,100.00 EUR")] },
  ]),
};

const money = (amount: string) => `${Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2 })} EUR`;
const ROLE_LABELS: Record<string, string> = { principal: "Main person", spouse: "Spouse", child: "Child", holding: "Holding company", sci: "SCI" };
const ownerLabel = (worth: OwnerWorth) => `${ROLE_LABELS[worth.role] ?? worth.role} (${worth.owner})`;

/** The owner chart as the core draws it: one bar per owner, named by role and id (never by name). */
function ownersChart(byOwner: OwnerWorth[]): { svg: string; readings: ChartReadings } {
  const top = 60;
  const bottom = 330;
  const row = (bottom - top) / byOwner.length;
  const extreme = Math.max(1, ...byOwner.map((w) => Math.abs(Number(w.netWorth))));
  const zero = 520;
  const scale = 320 / extreme;
  const bars = byOwner.map((w, i) => {
    const value = Number(w.netWorth);
    const y = top + i * row + row * 0.18;
    const x = value < 0 ? zero + value * scale : zero;
    return `<text x="180" y="${y + row * 0.4}" text-anchor="end" font-family="sans-serif" font-size="12" fill="#16202c">${ownerLabel(w)}</text><rect x="${x}" y="${y}" width="${Math.abs(value) * scale}" height="${row * 0.64}" fill="COLOR"/>`;
  });
  const readings: ChartReadings = {
    axis: "y", width: 880, height: 380,
    bands: bands(top, bottom, byOwner.map((w) => ({
      label: ownerLabel(w),
      values: [reading("Net worth", money(w.netWorth)), reading("Held directly", money(w.direct)), ...w.through.map((t) => reading(`${t.entity} ${t.percent} %`, money(t.amount)))],
    }))),
  };
  return { svg: svg("Net worth by owner (EUR)", "#7c3aed", `<line x1="${zero}" y1="${top}" x2="${zero}" y2="${bottom}" stroke="#8795a4"/>${bars.join("")}`), readings };
}

const line = '<polyline fill="none" stroke="COLOR" stroke-width="3" points="90,300 475,220 860,80"/>';

/** The charts of a document; the owner chart when it has owners. */
export function overviewCharts(byOwner: OwnerWorth[] = []): OverviewCharts {
  const owners = byOwner.length > 0 ? ownersChart(byOwner) : null;
  return {
    trend: svg("Net worth and account balances (EUR)", "#2563eb", line),
    cashflow: svg("Cashflow per month (EUR)", "#16a34a", line),
    categories: svg("Spending by category (EUR)", "#dc2626", '<rect x="200" y="80" width="560" height="90" fill="COLOR"/><rect x="200" y="215" width="340" height="90" fill="COLOR"/>'),
    owners: owners?.svg ?? null,
    readings: { trend: trendReadings, cashflow: cashflowReadings, categories: categoryReadings, owners: owners?.readings ?? null },
  };
}

export function summary(revision: number, start = "2026-09-01", end = "2026-11-25"): DocumentSummary {
  return {
    revision, kind: "overview", title: `Financial overview ${start} → ${end}`, periodStart: start, periodEnd: end,
    createdAt: `2026-11-2${revision}T08:00:00Z`, expiresAt: "2027-05-24T08:00:00Z",
  };
}
