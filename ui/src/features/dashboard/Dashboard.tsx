// The dashboard: net worth in the base currency (assets and liabilities apart) with its trend and the last
// months' cashflow, computed live by the core; the balance per currency; every bank connection's state (with the way to the Connections screen when one calls for an action); and how the
// last refresh went. The trend is drawn here from the document's own dates and values, so it has axes and reads
// the value under the pointer.
import { useQuery } from "@tanstack/react-query";
import { asIpcError, dashboardOverview, listRuns } from "../../api/commands";
import { useAccounts, useBalances } from "../../api/queries";
import { queryKeys } from "../../api/query-keys";
import type { OverviewDocument } from "../../bindings/OverviewDocument";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LineChart, type ChartPoint } from "../../components/charts/LineChart";
import { dayOf } from "../../lib/format";
import { workflowName } from "../../lib/workflows";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { OpenConnections } from "../connections/OpenConnections";

/** The base-currency net worth trend: its opening (the day before the period) then each bucket's last day. */
export function netWorthPoints(document: OverviewDocument): ChartPoint[] {
  const { dates, base } = document.trends;
  const dayBefore = new Date(dayOf(document.period.start).getTime() - 86_400_000).toISOString().slice(0, 10);
  const points = dates.map((date, index) => ({ date, value: base.values[index] }));
  return dayBefore < (dates[0] ?? "") ? [{ date: dayBefore, value: base.opening }, ...points] : points;
}

export function Dashboard({ onOpenConnections }: { onOpenConnections: () => void }) {
  const { t, reportLocale: locale, theme, viewScope: scope } = usePreferences();
  const format = useFormat();
  const balances = useBalances(scope);
  const runs = useQuery({ queryKey: queryKeys.runs, queryFn: () => listRuns(3) });
  const consolidated = balances.data?.consolidated ?? [];
  const latestInstant = consolidated.at(-1)?.asOf;
  const totals = consolidated.filter((point) => point.asOf === latestInstant);
  // The figures only: the trend is drawn here, so the core draws no chart for the Dashboard.
  const live = useQuery({
    queryKey: queryKeys.dashboard(locale, theme, scope),
    queryFn: () => dashboardOverview({ locale, theme, ...scope, charts: false }),
    enabled: totals.length > 0,
  });
  const accounts = useAccounts(false, scope);
  const document = live.data?.document;
  const recentMonths = document?.cashflow.months.slice(-3) ?? [];

  return (
    <section className="screen" aria-labelledby="dashboard-title">
      <header className="screen-header">
        <div>
          <h1 id="dashboard-title">{t("Dashboard")}</h1>
          <p className="muted">{latestInstant ? t("Balances as of {when}", { when: format.instant(latestInstant) }) : t("No balance snapshot yet")}</p>
        </div>
      </header>
      {balances.isError && <ErrorBanner error={asIpcError(balances.error)} action={t("Try Refresh.")} />}
      {balances.data && totals.length === 0 && (
        <div className="empty">
          <h2>{t("Nothing to show yet")}</h2>
          <p>{t("Press Refresh: balances are recorded on every refresh, and trends build up from them.")}</p>
        </div>
      )}
      {document && (
        <>
          <div className="cards">
            <article className="card total" id="dashboard-net-worth">
              <span className="muted">{t("Net worth ({currency})", { currency: document.baseCurrency })}</span>
              <strong className={`big mono ${document.netWorth.base.net.startsWith("-") ? "negative" : ""}`}>{format.money(document.netWorth.base.net, document.baseCurrency)}</strong>
              <span className="muted small">
                {t("Assets {assets} · Liabilities {liabilities}", {
                  assets: format.money(document.netWorth.base.assets, document.baseCurrency),
                  liabilities: format.money(document.netWorth.base.liabilities, document.baseCurrency),
                })}
              </span>
            </article>
            <article className="card total" id="dashboard-cashflow">
              <span className="muted">{t("Cashflow, last months")}</span>
              <ul className="plain">
                {recentMonths.map((month) => (
                  <li key={month.month} data-month={month.month}>
                    <span>{month.month}</span>
                    <span className={`mono ${month.net.startsWith("-") ? "negative" : "positive"}`}>{format.money(month.net, document.baseCurrency)}</span>
                  </li>
                ))}
              </ul>
            </article>
          </div>
          <article className="card">
            <LineChart
              id="dashboard-trend"
              title={t("Net worth over the last 12 months")}
              points={netWorthPoints(document)}
              currency={document.trends.base.currency}
              xLabel={t("Date")}
              yLabel={t("Net worth ({currency})", { currency: document.trends.base.currency })}
            />
          </article>
        </>
      )}
      <div className="cards">
        {totals.map((total) => (
          <article key={total.currency} className="card total" data-currency={total.currency}>
            <span className="muted">{t("Net balance in {currency}", { currency: total.currency })}</span>
            <strong className={`big mono ${total.amount.startsWith("-") ? "negative" : ""}`}>{format.money(total.amount, total.currency)}</strong>
            <span className="muted small">{t("{count} accounts", { count: balances.data?.latest.filter((b) => b.currency === total.currency && b.balanceType === "current").length ?? 0 })}</span>
          </article>
        ))}
      </div>
      {(accounts.data?.connections.length ?? 0) > 0 && (
        <article className="card" id="dashboard-connections">
          <h2>{t("Bank connections")}</h2>
          <ul className="plain">
            {accounts.data!.connections.map((connection) => (
              <li key={connection.id} data-connection={connection.id} className={`health-${connection.health.kind}`}>
                <span>{t("{institution} · refreshed {when}", { institution: connection.institution, when: format.instant(connection.lastSyncedAt) })}</span>
                <span className={connection.health.kind === "ok" ? "muted" : "negative"}>
                  {connection.health.kind === "ok" ? t("OK") : connection.health.kind === "needsUser" ? connection.health.action : connection.health.kind === "transient" ? connection.health.reason : connection.health.state}
                </span>
              </li>
            ))}
          </ul>
          {accounts.data!.connections.some((connection) => connection.action !== null) && <OpenConnections onOpen={onOpenConnections} />}
        </article>
      )}
      {runs.data && runs.data.length > 0 && (
        <article className="card">
          <h2>{t("Last refresh")}</h2>
          <ul className="runs">
            {[...runs.data].reverse().map((run) => (
              <li key={run.id} className={`run status-${run.status}`}>
                <span>{workflowName(run.workflow, t)}</span>
                <span className="muted">{run.status === "succeeded" ? t("{inserted}, {updated}", { inserted: t("{count} new", { count: run.inserted }), updated: t("{count} updated", { count: run.updated }) }) : run.errorMessage}</span>
              </li>
            ))}
          </ul>
        </article>
      )}
    </section>
  );
}
