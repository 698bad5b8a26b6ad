// The fake core's loans, as the demo family's: the mortgage ("Prêt immobilier", powens:2) with its bank's terms and a
// French constant-payment schedule (the same monthly payment, interest on the capital due, insurance on the amount
// borrowed), worked in whole cents so that the principal parts still to come add up exactly to the capital due, minus
// the account's balance. Other loan accounts come without terms or schedule. `get_loans` for fake-core.ts.
import type { BankAccountRecord } from "../bindings/BankAccountRecord";
import type { LoanPeriod } from "../bindings/LoanPeriod";
import type { LoanTerms } from "../bindings/LoanTerms";
import { negateDecimal, sumDecimals } from "../lib/decimal";
import type { FakeCommands } from "./core-contract";
import { TODAY } from "./fake-investments";

const MORTGAGE = "powens:2";
/** 1.97 % a year, a twelfth of it a month, as basis points of a year. */
const RATE_BP = 197;
const INSURANCE_RATE_PERCENT = "0.36";
const PAYMENTS_TOTAL = 240;
const PAYMENTS_DONE = 70;
/** The day of the month payments fall on, and the first one to come after the fake's day. */
const NEXT_PAYMENT = "2026-12-05";
const SYNCED_AT = "2026-11-25T08:00:00Z";

const cents = (amount: string) => Math.round(Number(amount) * 100);
const written = (value: number) => `${value < 0 ? "-" : ""}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, "0")}`;
/** A month's interest on a capital, in cents, rounded half up. */
const interestOn = (capital: number) => Math.round((capital * RATE_BP) / 120_000);
/** The payment day `months` after the next one (before it when negative). */
function paymentDay(months: number): string {
  const [year, month] = [Number(NEXT_PAYMENT.slice(0, 4)), Number(NEXT_PAYMENT.slice(5, 7)) - 1 + months];
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${y}-${String(m + 1).padStart(2, "0")}-${NEXT_PAYMENT.slice(8)}`;
}

/** The mortgage's whole schedule, paid periods first, from the capital due today. */
export function fakeMortgageSchedule(remainingCapital: string): { borrowed: string; insurance: string; payment: string; periods: LoanPeriod[] } {
  const due = cents(remainingCapital);
  const left = PAYMENTS_TOTAL - PAYMENTS_DONE;
  const r = RATE_BP / 120_000;
  const payment = Math.round((due * r) / (1 - (1 + r) ** -left));
  // Going back: the capital before a paid period, such that its interest and principal make the same payment.
  const past: { capital: number; interest: number; principal: number }[] = [];
  let after = due;
  for (let k = 0; k < PAYMENTS_DONE; k += 1) {
    const interest = interestOn(Math.round((after + payment) / (1 + r)));
    const principal = payment - interest;
    past.unshift({ capital: after, interest, principal });
    after += principal;
  }
  const borrowed = after;
  const insurance = Math.round((borrowed * 36) / 120_000);
  const period = (index: number, principal: number, interest: number, capitalAfter: number): LoanPeriod => ({
    accountId: MORTGAGE, paymentDate: paymentDay(index), currency: "EUR", principal: written(principal), interest: written(interest),
    insurance: written(insurance), total: written(principal + interest + insurance), remainingCapital: written(capitalAfter), calculated: [], syncedAt: SYNCED_AT,
  });
  const periods = past.map((p, k) => period(k - PAYMENTS_DONE, p.principal, p.interest, p.capital));
  let capital = due;
  for (let index = 0; index < left; index += 1) {
    const interest = interestOn(capital);
    // The last payment repays what is left.
    const principal = index === left - 1 ? capital : payment - interest;
    capital -= principal;
    periods.push(period(index, principal, interest, capital));
  }
  return { borrowed: written(borrowed), insurance: written(insurance), payment: written(payment + insurance), periods };
}

export function fakeLoans(mode: "demo" | "live", accounts: () => BankAccountRecord[]): Pick<FakeCommands, "get_loans"> {
  return {
    get_loans: (args) => {
      const withSchedule = Boolean((args.input as { schedule?: boolean } | undefined)?.schedule);
      const loans = accounts()
        .filter((a) => a.accountType === "loan" && a.status === "active")
        .map((account) => {
          const remainingCapital = account.balance === null ? null : negateDecimal(account.balance);
          if (account.id !== MORTGAGE || remainingCapital === null) {
            return { accountId: account.id, currency: account.currency, remainingCapital, terms: null, nextPayments: [], interestToPay: null, insuranceToPay: null, lastPayment: null, schedule: [] };
          }
          const { borrowed, insurance, payment, periods } = fakeMortgageSchedule(remainingCapital);
          const coming = periods.filter((p) => p.paymentDate > TODAY);
          const terms: LoanTerms = {
            accountId: account.id, loanType: "mortgage", currency: account.currency, borrowed, ratePercent: "1.97", insuranceRatePercent: INSURANCE_RATE_PERCENT,
            insuranceAmount: insurance, nextPaymentAmount: payment, nextPaymentDate: coming[0].paymentDate, subscriptionDate: paymentDay(-PAYMENTS_DONE - 1),
            startRepaymentDate: periods[0].paymentDate, maturityDate: periods.at(-1)!.paymentDate, paymentsTotal: PAYMENTS_TOTAL, paymentsDone: PAYMENTS_DONE, syncedAt: SYNCED_AT,
          };
          return {
            accountId: account.id,
            currency: account.currency,
            remainingCapital,
            terms,
            nextPayments: coming.slice(0, 3),
            interestToPay: sumDecimals(coming.map((p) => p.interest)),
            insuranceToPay: sumDecimals(coming.map((p) => p.insurance)),
            lastPayment: periods.at(-1)!.paymentDate,
            schedule: withSchedule ? periods : [],
          };
        });
      return { mode, loans };
    },
  };
}
