// Loans on the Wealth screen (get_loans, with each loan's schedule): per loan its capital due, rate and insurance
// rate, the interest and insurance still to pay, the next three payments split into principal, interest and
// insurance, the maturity, and the schedule's capital due drawn over time. Loans are whole whatever the view (the
// core does not share them out by owner yet), which an owner's view says; it shows the loans of the accounts it holds a
// part of. Amounts hide with the privacy switch.
import { useQuery } from "@tanstack/react-query";
import { asIpcError, getLoans } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { Loan } from "../../bindings/Loan";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LineChart } from "../../components/charts/LineChart";
import { multiplyDecimals } from "../../lib/decimal";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { useViewOwner } from "../view/owners";

function LoanFigures({ loan, name }: { loan: Loan; name: string }) {
  const { t } = usePreferences();
  const format = useFormat();
  const viewOwner = useViewOwner();
  const { terms, currency } = loan;
  const rate = (percent: string | null | undefined) => (percent == null ? "—" : format.percent(multiplyDecimals(percent, "0.01")));
  const maturity = terms?.maturityDate ?? loan.lastPayment;
  return (
    <section className="loan" data-loan={loan.accountId} aria-label={name}>
      <h3>
        {name}
        {viewOwner && <span className="badge whole-loan"> {t("whole loan")}</span>}
      </h3>
      <dl className="loan-figures">
        <div><dt>{t("Capital due")}</dt><dd className="mono" data-figure="capital">{format.money(loan.remainingCapital, currency)}</dd></div>
        <div><dt>{t("Rate")}</dt><dd data-figure="rate">{rate(terms?.ratePercent)}{terms?.insuranceRatePercent != null && ` · ${t("insurance {rate}", { rate: rate(terms.insuranceRatePercent) })}`}</dd></div>
        <div><dt>{t("Interest still to pay")}</dt><dd className="mono" data-figure="interest">{format.money(loan.interestToPay, currency)}</dd></div>
        <div><dt>{t("Insurance still to pay")}</dt><dd className="mono" data-figure="insurance">{format.money(loan.insuranceToPay, currency)}</dd></div>
        <div>
          <dt>{t("Maturity")}</dt>
          <dd data-figure="maturity">
            {maturity ? format.date(maturity) : "—"}
            {terms?.paymentsDone != null && terms.paymentsTotal != null && ` · ${t("{done} of {total} payments made", { done: terms.paymentsDone, total: terms.paymentsTotal })}`}
          </dd>
        </div>
      </dl>
      {loan.nextPayments.length === 0 ? (
        <p className="muted small">{t("The bank gives no schedule for this loan.")}</p>
      ) : (
        <table className="grid named-rows next-payments">
          <caption className="muted small">{t("Next payments")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("Date")}</th>
              <th scope="col" className="amount">{t("Principal")}</th>
              <th scope="col" className="amount">{t("Interest")}</th>
              <th scope="col" className="amount">{t("Insurance")}</th>
              <th scope="col" className="amount">{t("Total")}</th>
            </tr>
          </thead>
          <tbody>
            {loan.nextPayments.map((period) => (
              <tr key={period.paymentDate} data-payment={period.paymentDate}>
                <th scope="row">{format.date(period.paymentDate)}</th>
                <td className="amount mono">{format.money(period.principal, currency)}</td>
                <td className="amount mono">{format.money(period.interest, currency)}</td>
                <td className="amount mono">{format.money(period.insurance, currency)}</td>
                <td className="amount mono">{format.money(period.total, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loan.schedule.length > 1 && (
        <LineChart
          id={`loan-chart-${loan.accountId}`}
          title={t("Capital due on {loan} over its schedule", { loan: name })}
          points={loan.schedule.map((period) => ({ date: period.paymentDate, value: period.remainingCapital }))}
          currency={currency}
          xLabel={t("Payment date")}
          yLabel={t("Capital due ({currency})", { currency })}
        />
      )}
    </section>
  );
}

export function LoansCard({ accountIds, accountName }: { accountIds: string[]; accountName: (id: string) => string }) {
  const { t } = usePreferences();
  const loans = useQuery({ queryKey: queryKeys.loans(true), queryFn: () => getLoans(true) });
  if (loans.isError) return <ErrorBanner error={asIpcError(loans.error)} action={t("Try Refresh.")} />;
  const shown = (loans.data?.loans ?? []).filter((loan) => accountIds.includes(loan.accountId));
  if (shown.length === 0) return null;
  return (
    <article className="card" id="wealth-loans">
      <h2>{t("Loans")}</h2>
      {shown.map((loan) => (
        <LoanFigures key={loan.accountId} loan={loan} name={accountName(loan.accountId)} />
      ))}
    </article>
  );
}
