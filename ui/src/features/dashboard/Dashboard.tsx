// The dashboard: consolidated balance per currency as the core computed it, and how the last refresh went.
import { t } from "../../lib/i18n";
import { useQuery } from "@tanstack/react-query";
import { asIpcError, getBalances, listRuns } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatInstant, formatMoney } from "../../lib/format";
import { workflowName } from "../../lib/workflows";

export function Dashboard() {
  const balances = useQuery({ queryKey: queryKeys.balances, queryFn: () => getBalances() });
  const runs = useQuery({ queryKey: queryKeys.runs, queryFn: () => listRuns(3) });
  const consolidated = balances.data?.consolidated ?? [];
  const latestInstant = consolidated.at(-1)?.asOf;
  const totals = consolidated.filter((point) => point.asOf === latestInstant);

  return (
    <section className="screen" aria-labelledby="dashboard-title">
      <header className="screen-header">
        <div>
          <h1 id="dashboard-title">{t("Dashboard")}</h1>
          <p className="muted">{latestInstant ? t("Balances as of {when}", { when: formatInstant(latestInstant) }) : t("No balance snapshot yet")}</p>
        </div>
      </header>
      {balances.isError && <ErrorBanner error={asIpcError(balances.error)} action="Try Refresh." />}
      {balances.data && totals.length === 0 && (
        <div className="empty">
          <h2>{t("Nothing to show yet")}</h2>
          <p>{t("Press Refresh: balances are recorded on every refresh, and trends build up from them.")}</p>
        </div>
      )}
      <div className="cards">
        {totals.map((total) => (
          <article key={total.currency} className="card total" data-currency={total.currency}>
            <span className="muted">{t("Net balance in {currency}", { currency: total.currency })}</span>
            <strong className={`big mono ${total.amount.startsWith("-") ? "negative" : ""}`}>{formatMoney(total.amount, total.currency)}</strong>
            <span className="muted small">{balances.data?.latest.filter((b) => b.currency === total.currency && b.balanceType === "current").length} accounts</span>
          </article>
        ))}
      </div>
      {runs.data && runs.data.length > 0 && (
        <article className="card">
          <h2>{t("Last refresh")}</h2>
          <ul className="runs">
            {[...runs.data].reverse().map((run) => (
              <li key={run.id} className={`run status-${run.status}`}>
                <span>{workflowName(run.workflow)}</span>
                <span className="muted">{run.status === "succeeded" ? t("{inserted} new, {updated} updated", { inserted: run.inserted, updated: run.updated }) : run.errorMessage}</span>
              </li>
            ))}
          </ul>
        </article>
      )}
    </section>
  );
}
