// The fake core's investments, as the demo family's: Camille's PEA (an ETF and French shares, one not valued for a
// fortnight, one sold), Dominique's life insurance (a euro fund with no quantity, the PEA's ETF again, an SCPI, a bond
// fund, and a fund the insurer has not valued yet) and the spouses' US securities account (US shares and an ETF in
// USD, valued above the bank's balance). From them and the fake's accounts, shares and rates come `list_investments`,
// `investment_history` and `get_wealth`, computed as the core does (pfo_core::wealth): exactly, each account's
// composition adding up to its balance and the classes adding up to the net worth. Used by fake-core.ts.
import type { Wealth } from "../bindings/Wealth";
import type { WealthHolding } from "../bindings/WealthHolding";
import type { AssetClass } from "../bindings/AssetClass";
import type { BankAccountRecord } from "../bindings/BankAccountRecord";
import type { Basis } from "../bindings/Basis";
import type { ClassEvidence } from "../bindings/ClassEvidence";
import type { CompositionLine } from "../bindings/CompositionLine";
import type { ExchangeRate } from "../bindings/ExchangeRate";
import type { InvestmentPositionRecord } from "../bindings/InvestmentPositionRecord";
import type { PeriodReturn } from "../bindings/PeriodReturn";
import type { PortfolioTotal } from "../bindings/PortfolioTotal";
import type { PositionLine } from "../bindings/PositionLine";
import type { PositionSnapshot } from "../bindings/PositionSnapshot";
import type { WealthAccount } from "../bindings/WealthAccount";
import { compareDecimals, multiplyDecimals, negateDecimal, sumDecimals } from "../lib/decimal";
import type { FakeCommands } from "./core-contract";
import { decimal } from "./fake-ownership";

type InvestmentCommands = Pick<FakeCommands, "list_investments" | "investment_history" | "get_wealth">;

/** The fake's day, as every other answer of it. */
export const TODAY = "2026-11-25";
/** A position valued longer ago than this is stale (pfo_core::wealth::STALE_AFTER_DAYS). */
const STALE_AFTER_DAYS = 7;

/** A position of the fixture, with the class the core's rules give it (pfo_core::wealth::classes) and why. */
interface FakePosition {
  record: InvestmentPositionRecord;
  class: AssetClass;
  evidence: ClassEvidence;
}

const ISIN = (code: string) => ({ scheme: "isin" as const, code });
const fund = (srri: number, assetCategory: string | null = null, performance1y: string | null = null) => ({
  performance1y, performance3y: null, performance5y: null, srri, assetCategory, recommendedPeriod: srri <= 2 ? "2 ans" : "5 ans",
});

function position(id: string, accountId: string, currency: string, fields: Partial<InvestmentPositionRecord>, classed: [AssetClass, ClassEvidence]): FakePosition {
  return {
    record: {
      id: `powens:${id}`, accountId, label: "", code: null, stockSymbol: null, currency, quantity: null, unitPrice: null, unitValue: null,
      valuation: null, gain: null, gainRatio: null, portfolioShare: null, valueDate: null, foreign: null, details: null, calculated: [],
      endedOn: null, syncedAt: "2026-11-25T08:00:00Z", ...fields,
    },
    class: classed[0],
    evidence: classed[1],
  };
}

const MSCI_WORLD = ISIN("LU1681043599");

/** Every position of the demo family's investment accounts, held or ended. */
export const FAKE_POSITIONS: FakePosition[] = [
  // The PEA (powens:6, EUR, balance 41,667.01): 38,639.00 of positions, 3,028.01 of cash beside them.
  position("9001", "powens:6", "EUR", { label: "Amundi MSCI World UCITS ETF", code: MSCI_WORLD, stockSymbol: "CW8", quantity: "30", unitPrice: "430.00", unitValue: "512.34", valuation: "15370.20", gain: "2470.20", gainRatio: "0.1915", portfolioShare: "0.3978", valueDate: "2026-11-24", details: fund(4, null, "0.1842") }, ["funds", "label"]),
  position("9002", "powens:6", "EUR", { label: "TotalEnergies SE", code: ISIN("FR0000120271"), stockSymbol: "TTE", quantity: "150", unitPrice: "55.40", unitValue: "61.20", valuation: "9180.00", gain: "870.00", gainRatio: "0.1047", portfolioShare: "0.2376", valueDate: "2026-11-24" }, ["equities", "security_code"]),
  position("9003", "powens:6", "EUR", { label: "LVMH Moët Hennessy Louis Vuitton", code: ISIN("FR0000121014"), stockSymbol: "MC", quantity: "12", unitPrice: "702.00", unitValue: "612.40", valuation: "7348.80", gain: "-1075.20", gainRatio: "-0.1276", portfolioShare: "0.1902", valueDate: "2026-11-10" }, ["equities", "security_code"]),
  position("9004", "powens:6", "EUR", { label: "Air Liquide", code: ISIN("FR0000120073"), stockSymbol: "AI", quantity: "40", unitPrice: "142.10", unitValue: "168.50", valuation: "6740.00", gain: "1056.00", gainRatio: "0.1858", portfolioShare: "0.1744", valueDate: "2026-11-24", calculated: ["diff", "diff_percent"] }, ["equities", "security_code"]),
  position("9005", "powens:6", "EUR", { label: "Orange", code: ISIN("FR0000133308"), stockSymbol: "ORA", quantity: "200", unitPrice: "11.02", unitValue: "10.12", valuation: "2024.00", gain: "-180.00", gainRatio: "-0.0816", valueDate: "2026-10-14", endedOn: "2026-10-15" }, ["equities", "security_code"]),
  // The life insurance (powens:7, EUR, balance 48,608.34): its valued positions add up to the balance.
  position("9101", "powens:7", "EUR", { label: "Fonds Euro Vitalia", valuation: "30250.00", gain: "1250.00", gainRatio: "0.0431", portfolioShare: "0.6223", valueDate: "2026-11-20", details: fund(1, "Fonds euros garanti", "0.0250") }, ["euro_funds", "bank_category"]),
  position("9102", "powens:7", "EUR", { label: "Amundi MSCI World UCITS ETF", code: MSCI_WORLD, quantity: "20", unitPrice: "471.50", unitValue: "512.34", valuation: "10246.80", gain: "816.80", gainRatio: "0.0866", portfolioShare: "0.2108", valueDate: "2026-11-24", details: fund(4, null, "0.1842"), calculated: ["diff"] }, ["funds", "label"]),
  position("9103", "powens:7", "EUR", { label: "SCPI Primovie", quantity: "35", unitPrice: "196.00", unitValue: "203.00", valuation: "7105.00", gain: "245.00", gainRatio: "0.0357", portfolioShare: "0.1462", valueDate: "2026-09-30" }, ["real_estate", "label"]),
  position("9104", "powens:7", "EUR", { label: "Carmignac Sécurité A EUR Acc", code: ISIN("FR0010149120"), quantity: "0.5523", unitPrice: "1790.10", unitValue: "1822.46", valuation: "1006.54", gain: "17.87", gainRatio: "0.0181", portfolioShare: "0.0207", valueDate: "2026-11-21", details: fund(2, "Obligations et autres titres de créances", "0.0412") }, ["bonds", "bank_category"]),
  position("9105", "powens:7", "EUR", { label: "Comgest Monde C", code: ISIN("FR0000284689"), quantity: "4.2", unitPrice: "2380.00" }, ["funds", "label"]),
  // The US securities account (powens:8, USD, balance 19,344.09): positions valued 329.71 above the bank's balance.
  position("9201", "powens:8", "USD", { label: "Apple Inc.", code: ISIN("US0378331005"), stockSymbol: "AAPL", quantity: "40", unitPrice: "172.30", unitValue: "228.50", valuation: "9140.00", gain: "2248.00", gainRatio: "0.3262", portfolioShare: "0.4646", valueDate: "2026-11-24" }, ["equities", "security_code"]),
  position("9202", "powens:8", "USD", { label: "Microsoft Corp.", code: ISIN("US5949181045"), stockSymbol: "MSFT", quantity: "18", unitPrice: "365.00", unitValue: "421.10", valuation: "7579.80", gain: "1009.80", gainRatio: "0.1537", portfolioShare: "0.3853", valueDate: "2026-11-24", calculated: ["diff", "diff_percent"] }, ["equities", "security_code"]),
  position("9203", "powens:8", "USD", { label: "Vanguard Total Stock Market ETF", code: ISIN("US9229087690"), stockSymbol: "VTI", quantity: "10", unitPrice: "250.00", unitValue: "295.40", valuation: "2954.00", gain: "454.00", gainRatio: "0.1816", portfolioShare: "0.1501", valueDate: "2026-11-24" }, ["funds", "label"]),
];

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
const dayOfNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
/** Valued longer ago than the core allows, or never dated. */
const isStale = (valueDate: string | null) => valueDate === null || dayNumber(TODAY) - dayNumber(valueDate) > STALE_AFTER_DAYS;

/** A held position's weekly values up to its value date, ending on its own figures; none before the bank values it. */
export function fakeHistory(record: InvestmentPositionRecord): PositionSnapshot[] {
  if (record.valuation === null || record.valueDate === null) return [];
  const weeks = record.accountId === "powens:8" ? 8 : 12;
  const last = dayNumber(record.valueDate);
  return Array.from({ length: weeks }, (_, index) => {
    const back = weeks - 1 - index;
    const snapshot = { positionId: record.id, valueDate: dayOfNumber(last - 7 * back), quantity: record.quantity, unitValue: record.unitValue, valuation: record.valuation! };
    if (back === 0) return snapshot;
    if (record.unitValue === null || record.quantity === null) {
      // A euro fund: interest credited week after week.
      return { ...snapshot, valuation: sumDecimals([record.valuation!, `-${24 * back}.00`]) };
    }
    const unitValue = (Number(record.unitValue) * (1 - 0.011 * back + 0.006 * Math.sin(back * 1.7))).toFixed(2);
    return { ...snapshot, unitValue, valuation: multiplyDecimals(record.quantity, unitValue) };
  });
}

/** `a / b − 1` to ten places, exactly (rounded half away from zero), as the core's decimals divide. */
function ratioLessOne(a: string, b: string): string {
  const places = 10;
  const scale = (text: string) => {
    const [whole, fraction = ""] = text.replace("-", "").split(".");
    return { units: BigInt(`${whole}${fraction}`) * (text.startsWith("-") ? -1n : 1n), scale: fraction.length };
  };
  const [x, y] = [scale(a), scale(b)];
  // (x.units / 10^x.scale) / (y.units / 10^y.scale) × 10^places, rounded.
  const numerator = x.units * 10n ** BigInt(y.scale + places + 1);
  const denominator = y.units * 10n ** BigInt(x.scale);
  const tenfold = numerator / denominator;
  const rounded = (tenfold + (tenfold < 0n ? -5n : 5n)) / 10n;
  return sumDecimals([`${rounded / 10n ** BigInt(places)}.${(rounded % 10n ** BigInt(places)).toString().padStart(places, "0")}`, "-1"]);
}

const PERIODS = ["one_month", "year_to_date", "one_year", "since_first"] as const;

/** The day a period starts from, counted back from the fake's day (none: since the first value). */
function periodStart(period: (typeof PERIODS)[number]): string | null {
  if (period === "one_month") return "2026-10-25";
  if (period === "year_to_date") return "2025-12-31";
  if (period === "one_year") return "2025-11-25";
  return null;
}

/**
 * A position's returns over each period, from its own fake history, as pfo_core::wealth::performance would find
 * them: with its units unchanged, time-weighted is last/first − 1 exactly, and money-weighted (XIRR, annualised, to
 * six places) the same growth over a year. A line with no units (the euro fund) cannot tell deposits from gains; a
 * period the history does not reach back to is too short.
 */
export function fakeReturns(record: InvestmentPositionRecord, snapshots: PositionSnapshot[]): PeriodReturn[] {
  return PERIODS.map((period) => {
    const start = periodStart(period);
    const first = start === null ? snapshots[0] : [...snapshots].reverse().find((s) => s.valueDate <= start);
    const last = snapshots.at(-1);
    if (!first || !last || first === last) {
      return { period, from: null, timeWeighted: null, timeWeightedMissing: "too_short", moneyWeighted: null, moneyWeightedMissing: "too_short" };
    }
    if (record.quantity === null || record.unitValue === null) {
      return { period, from: first.valueDate, timeWeighted: null, timeWeightedMissing: "flows_unknown", moneyWeighted: null, moneyWeightedMissing: "flows_unknown" };
    }
    const timeWeighted = ratioLessOne(last.valuation, first.valuation);
    const years = (dayNumber(last.valueDate) - dayNumber(first.valueDate)) / 365;
    const moneyWeighted = (Math.pow(Number(last.valuation) / Number(first.valuation), 1 / years) - 1).toFixed(6);
    return { period, from: first.valueDate, timeWeighted, timeWeightedMissing: null, moneyWeighted, moneyWeightedMissing: null };
  });
}

/** The class of an account counted whole (pfo_core::wealth::classes::of_account). */
function accountClass(accountType: string, negative: boolean): AssetClass {
  if (accountType === "loan" || accountType === "card" || (negative && accountType === "checking")) return "liabilities";
  return ["checking", "savings", "deposit", "livret_a", "ldds", "livret_b", "cel", "pel"].includes(accountType) ? "cash" : "other";
}

export function fakeInvestments(
  mode: "demo" | "live",
  accounts: () => BankAccountRecord[],
  part: (view: string | null, basis: Basis | null, accountId: string) => number,
  rates: () => ExchangeRate[],
  baseCurrency: () => string,
  delivered: boolean,
) {
  /** The positions of the accounts the fake knows (none before the first refresh, or when the bank delivers none). */
  const positions = () => (delivered ? FAKE_POSITIONS.filter((p) => accounts().some((a) => a.id === p.record.accountId)) : []);
  const rateOf = (currency: string) => (currency === baseCurrency() ? "1" : rates().find((r) => r.currency === currency && r.base === baseCurrency())?.rate ?? null);
  /** The accounts a view holds today, in the household view's order, with its exact part of each. */
  const held = (view: string | null, basis: Basis | null) =>
    accounts()
      .filter((a) => a.status === "active" && part(view, basis, a.id) > 0)
      .map((account) => ({ account, fraction: decimal(part(view, basis, account.id)) }));

  const balanceSheet = (view: string | null, basis: Basis | null): Wealth => {
    const classes = new Map<AssetClass, string>();
    const exposure = new Map<string, string>();
    const add = <K>(into: Map<K, string>, key: K, amount: string) => into.set(key, sumDecimals([into.get(key) ?? "0", amount]));
    const unconverted: string[] = [];
    const holdings: WealthHolding[] = [];
    const sheetAccounts: WealthAccount[] = [];
    let stalePositions = 0;
    let unvaluedPositions = 0;
    for (const { account, fraction } of held(view, basis)) {
      const rate = rateOf(account.currency);
      if (rate === null && !unconverted.includes(account.currency)) unconverted.push(account.currency);
      const value = account.balance === null ? null : multiplyDecimals(account.balance, fraction);
      const composition: CompositionLine[] = [];
      const valued: string[] = [];
      for (const { record, class: assetClass, evidence } of positions().filter((p) => p.record.accountId === account.id && p.record.endedOn === null)) {
        if (record.valuation === null) {
          unvaluedPositions += 1;
          continue;
        }
        const amount = multiplyDecimals(record.valuation, fraction);
        composition.push({ class: assetClass, evidence, positionId: record.id, amount });
        valued.push(amount);
        const stale = isStale(record.valueDate);
        stalePositions += stale ? 1 : 0;
        if (rate !== null) add(exposure, record.foreign?.currency ?? account.currency, multiplyDecimals(amount, rate));
        const gain = record.gain === null ? null : multiplyDecimals(record.gain, fraction);
        const holdingPart = { positionId: record.id, accountId: account.id, currency: account.currency, valuation: amount, gain, valueDate: record.valueDate, stale, calculated: record.calculated };
        const inBase = rate === null ? null : multiplyDecimals(amount, rate);
        const gainInBase = rate === null || gain === null ? null : multiplyDecimals(gain, rate);
        const same = record.code && holdings.find((h) => h.code === record.code!.code);
        if (same) {
          if (same.parts.every((p) => compareDecimals(p.valuation, amount) < 0)) same.label = record.label;
          same.valueInBase = same.valueInBase === null || inBase === null ? null : sumDecimals([same.valueInBase, inBase]);
          same.gainInBase = same.gainInBase === null || gainInBase === null ? null : sumDecimals([same.gainInBase, gainInBase]);
          same.parts.push(holdingPart);
        } else {
          holdings.push({ code: record.code?.code ?? null, label: record.label, class: assetClass, evidence, valueInBase: inBase, gainInBase, parts: [holdingPart] });
        }
      }
      if (value !== null) {
        const rest = sumDecimals([value, negateDecimal(sumDecimals(valued))]);
        if (composition.length === 0) {
          composition.push({ class: accountClass(account.accountType, value.startsWith("-")), evidence: "account_type", positionId: null, amount: value });
          if (rate !== null) add(exposure, account.currency, multiplyDecimals(value, rate));
        } else if (compareDecimals(rest, "0") !== 0) {
          composition.push({ class: compareDecimals(rest, "0") > 0 ? "cash" : "other", evidence: "balance_remainder", positionId: null, amount: rest });
          if (rate !== null) add(exposure, account.currency, multiplyDecimals(rest, rate));
        }
        if (rate !== null) for (const line of composition) add(classes, line.class, multiplyDecimals(line.amount, rate));
      }
      sheetAccounts.push({
        accountId: account.id,
        currency: account.currency,
        value,
        valueInBase: value === null || rate === null ? null : multiplyDecimals(value, rate),
        composition: value === null ? [] : composition,
      });
    }
    const liabilities = negateDecimal(classes.get("liabilities") ?? "0");
    const assets = sumDecimals([...classes].filter(([c]) => c !== "liabilities").map(([, amount]) => amount));
    const nonZero = <K>(map: Map<K, string>) => [...map].filter(([, amount]) => compareDecimals(amount, "0") !== 0);
    for (const holding of holdings) holding.parts.sort((a, b) => compareDecimals(b.valuation, a.valuation));
    return {
      view,
      basis: basis ?? "usufruct",
      asOf: TODAY,
      baseCurrency: baseCurrency(),
      netWorth: sheetAccounts.some((a) => a.valueInBase !== null) ? sumDecimals([assets, negateDecimal(liabilities)]) : null,
      assets,
      liabilities,
      byClass: nonZero(classes)
        .map(([assetClass, amount]) => ({ class: assetClass, amount }))
        .sort((a, b) => Number(a.class === "liabilities") - Number(b.class === "liabilities") || compareDecimals(b.amount, a.amount)),
      byCurrency: nonZero(exposure).map(([currency, amount]) => ({ currency, amount })).sort((a, b) => compareDecimals(b.amount, a.amount)),
      accounts: sheetAccounts,
      holdings: holdings.sort((a, b) => compareDecimals(b.valueInBase ?? "0", a.valueInBase ?? "0") || a.label.localeCompare(b.label)),
      unconverted,
      stalePositions,
      unvaluedPositions,
    };
  };

  const input = (args: Record<string, unknown>) => (args.input ?? {}) as { accountIds?: string[]; includeEnded?: boolean; view?: string | null; basis?: Basis | null; positionId?: string };

  const commands: InvestmentCommands = {
    get_wealth: (args) => balanceSheet(input(args).view ?? null, input(args).basis ?? null),
    list_investments: (args) => {
      const { accountIds = [], includeEnded = false, view = null, basis = null } = input(args);
      const lines: PositionLine[] = held(view, basis)
        .filter(({ account }) => accountIds.length === 0 || accountIds.includes(account.id))
        .flatMap(({ account, fraction }) =>
          positions()
            .map((p) => p.record)
            .filter((record) => record.accountId === account.id && (includeEnded || record.endedOn === null))
            // Held first, largest first (the unvalued after the valued), ended ones last.
            .sort((a, b) => Number(a.endedOn !== null) - Number(b.endedOn !== null) || compareDecimals(b.valuation ?? "-1", a.valuation ?? "-1"))
            .map((record) => ({ position: record, fraction, shareValuation: record.valuation === null ? null : multiplyDecimals(record.valuation, fraction) })),
        );
      const portfolios: PortfolioTotal[] = [];
      for (const line of lines.filter((l) => l.position.endedOn === null)) {
        let total = portfolios.find((p) => p.accountId === line.position.accountId);
        if (!total) {
          total = { accountId: line.position.accountId, currency: line.position.currency, valuation: "0", shareValuation: "0", positions: 0, unvalued: 0 };
          portfolios.push(total);
        }
        total.positions += 1;
        if (line.position.valuation === null || line.shareValuation === null) total.unvalued += 1;
        else {
          total.valuation = sumDecimals([total.valuation, line.position.valuation]);
          total.shareValuation = sumDecimals([total.shareValuation, line.shareValuation]);
        }
      }
      return { mode, positions: lines, portfolios };
    },
    investment_history: (args) => {
      const found = positions().find((p) => p.record.id === input(args).positionId);
      if (!found) throw { code: "contract.not_found", message: `position ${String(input(args).positionId)} was not found: list the positions with \`pfo investments list --json\`` };
      const snapshots = fakeHistory(found.record);
      return { snapshots, returns: fakeReturns(found.record, snapshots) };
    },
  };
  return { commands, balanceSheet };
}
