// The financial overview: the latest document of the knowledge space (or an earlier one), its charts as the core
// drew them, "Generate now" for a chosen period, and "Export report" to a file an advisor can read.
import { t } from "../../lib/i18n";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asIpcError, exportOverview, generateOverview, getOverview, listOverviews, overviewCharts } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { OverviewDocument } from "../../bindings/OverviewDocument";
import type { ReportLocale } from "../../bindings/ReportLocale";
import type { ChartTheme } from "../../bindings/ChartTheme";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatDate, formatInstant, formatMoney, userLocale } from "../../lib/format";
import { amountsAreHidden, effectiveTheme } from "../../lib/preferences";

const PERIODS = [
  { value: "last-12-months", label: "Last 12 months" },
  { value: "ytd", label: "Year to date" },
  { value: String(new Date().getFullYear() - 1), label: `Year ${new Date().getFullYear() - 1}` },
  { value: "all", label: "Whole history" },
];

/** The report language that follows the UI's locale. */
export function reportLocale(locale = userLocale()): ReportLocale {
  return locale.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** The chart theme that follows the app's. */
export function chartTheme(): ChartTheme {
  return effectiveTheme();
}

function percent(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(1)} %`;
}

export function Chart({ svg, title }: { svg: string | undefined; title: string }) {
  // Charts carry amounts on their axes: hidden with them.
  if (amountsAreHidden()) return <div className="hidden-chart" role="img" aria-label={`${title} (hidden)`}>Amounts hidden</div>;
  if (!svg) return <div className="chart placeholder" aria-busy="true" />;
  return <img className="chart" alt={title} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />;
}

function Figures({ document }: { document: OverviewDocument }) {
  const base = document.baseCurrency;
  const total = document.cashflow.total;
  return (
    <div className="cards">
      <article className="card total" id="overview-net-worth">
        <span className="muted">{t("Net worth ({currency})", { currency: base })}</span>
        <strong className={`big mono ${document.netWorth.base.net.startsWith("-") ? "negative" : ""}`}>{formatMoney(document.netWorth.base.net, base)}</strong>
        <span className="muted small">
          Assets {formatMoney(document.netWorth.base.assets, base)} · Liabilities {formatMoney(document.netWorth.base.liabilities, base)}
        </span>
      </article>
      <article className="card total" id="overview-cashflow">
        <span className="muted">{t("Cashflow over the period")}</span>
        <strong className={`big mono ${total.net.startsWith("-") ? "negative" : ""}`}>{formatMoney(total.net, base)}</strong>
        <span className="muted small">
          Income {formatMoney(total.income, base)} · Expenses {formatMoney(total.expenses, base)} · Savings rate {percent(total.savingsRate)}
        </span>
      </article>
      {document.netWorth.perCurrency.map((position) => (
        <article key={position.currency} className="card total" data-overview-currency={position.currency}>
          <span className="muted">Held in {position.currency}</span>
          <strong className="mono">{formatMoney(position.net, position.currency)}</strong>
        </article>
      ))}
    </div>
  );
}

function Notable({ document }: { document: OverviewDocument }) {
  const notable = document.notable;
  const base = document.baseCurrency;
  return (
    <article className="card" id="overview-notable">
      <h2>{t("Notable")}</h2>
      {notable.expiringConsents.map((c) => (
        <p key={c.institution} className="connection-health">
          {c.daysLeft >= 0 ? `${c.institution}: bank consent ends in ${c.daysLeft} days (${formatDate(c.expiresOn)}). Reconnect before then.` : `${c.institution}: bank consent ended on ${formatDate(c.expiresOn)}. Reconnect.`}
        </p>
      ))}
      {notable.balanceMismatches.map((m) => (
        <p key={m.account.id} className="connection-health">
          {m.account.name}: the bank's balance moved {formatMoney(m.balanceChange, m.account.currency)} but its transactions add up to {formatMoney(m.transactionsSum, m.account.currency)}.
        </p>
      ))}
      <div className="columns">
        <div>
          <h3>{t("Largest movements")}</h3>
          <ul className="plain">
            {notable.largestMovements.map((m, index) => (
              <li key={index} className="movement">
                <span>{formatDate(m.date)} · {m.category} · {m.account.name}</span>
                <span className={`mono ${m.amount.startsWith("-") ? "negative" : "positive"}`}>{formatMoney(m.amount, m.account.currency)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t("Recurring charges")}</h3>
          {notable.recurringCharges.length === 0 && <p className="muted">None found.</p>}
          <ul className="plain">
            {notable.recurringCharges.map((c, index) => (
              <li key={index} className="recurring">
                <span>{c.category} · {c.cadence} · next {formatDate(c.nextExpected)}</span>
                <span className="mono negative">{formatMoney(c.typicalAmount, c.account.currency)}</span>
              </li>
            ))}
          </ul>
          {notable.pending.length > 0 && (
            <p className="muted">Pending: {notable.pending.map((p) => `${p.count} · ${formatMoney(p.amount, p.currency)}`).join(", ")}</p>
          )}
        </div>
      </div>
      {document.ratesUsed.length > 0 && (
        <p className="muted small">Converted to {base} at {document.ratesUsed.map((r) => `1 ${r.currency} = ${r.rate} (${formatDate(r.asOf)})`).join(", ")}.</p>
      )}
      {document.excludedAccounts.length > 0 && (
        <p className="muted small">Left out: {document.excludedAccounts.map((e) => `${e.account.name} (${e.reason})`).join(", ")}.</p>
      )}
    </article>
  );
}

export function OverviewScreen() {
  const queryClient = useQueryClient();
  const [revision, setRevision] = useState<number | null>(null);
  const [period, setPeriod] = useState(PERIODS[0].value);
  const locale = reportLocale();
  const theme = chartTheme();
  const kept = useQuery({ queryKey: queryKeys.overviews, queryFn: listOverviews });
  const stored = useQuery({ queryKey: queryKeys.overview(revision), queryFn: () => getOverview(revision) });
  const shown = stored.data?.summary.revision ?? null;
  const charts = useQuery({
    queryKey: queryKeys.charts(shown, locale, theme),
    queryFn: () => overviewCharts(shown, locale, theme),
    enabled: shown !== null,
  });
  const generate = useMutation({
    mutationFn: () => generateOverview({ period, locale }),
    onSuccess: () => {
      setRevision(null);
      queryClient.invalidateQueries({ queryKey: queryKeys.overviews });
    },
  });
  const exporter = useMutation({ mutationFn: (format: "md" | "html") => exportOverview(shown, format, locale) });
  const document = stored.data?.document;

  return (
    <section className="screen" aria-labelledby="overview-title">
      <header className="screen-header">
        <div>
          <h1 id="overview-title">{t("Financial overview")}</h1>
          <p className="muted">
            {document
              ? `${formatDate(document.period.start)} → ${formatDate(document.period.end)} · generated ${formatInstant(document.generatedAt)} · kept until ${formatInstant(stored.data!.summary.expiresAt)}`
              : "Balances and transactions of a period, summed up for you and your advisor"}
          </p>
        </div>
        <div className="filters">
          <select aria-label="Period" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>{t(p.label)}</option>
            ))}
          </select>
          <button id="generate-overview" className="primary" onClick={() => generate.mutate()} disabled={generate.isPending}>
            {generate.isPending ? t("Generating…") : t("Generate now")}
          </button>
          <button id="export-report" className="secondary inline" onClick={() => exporter.mutate("html")} disabled={!document || exporter.isPending}>
            {t("Export report")}
          </button>
          <button id="export-report-md" className="secondary inline" onClick={() => exporter.mutate("md")} disabled={!document || exporter.isPending}>
            Markdown
          </button>
        </div>
      </header>
      {generate.isError && <ErrorBanner error={asIpcError(generate.error)} action="Pick another period or refresh, then try again." />}
      {exporter.isError && <ErrorBanner error={asIpcError(exporter.error)} action="Free some space or check the Downloads folder, then export again." />}
      {exporter.data && (
        <p className="notice" role="status" id="export-result">{t("Report saved to {path}", { path: exporter.data.path })}</p>
      )}
      {stored.isError && <ErrorBanner error={asIpcError(stored.error)} action="Generate a new overview." />}
      {stored.data === null && (
        <div className="empty">
          <h2>{t("No overview yet")}</h2>
          <p>Press Generate now: the overview sums up net worth, cashflow, categories and trends of the period you choose.</p>
        </div>
      )}
      {document && (
        <>
          <Figures document={document} />
          <article className="card">
            <Chart svg={charts.data?.trend} title="Net worth and account balances" />
          </article>
          <div className="columns">
            <article className="card">
              <Chart svg={charts.data?.cashflow} title="Cashflow per month" />
            </article>
            <article className="card">
              <Chart svg={charts.data?.categories} title="Spending by category" />
            </article>
          </div>
          <article className="card">
            <h2>{t("Spending by category")}</h2>
            <table className="grid" id="overview-categories">
              <thead>
                <tr><th>Category</th><th className="amount">This period</th><th className="amount">Before</th><th className="amount">Change</th></tr>
              </thead>
              <tbody>
                {document.categories.spending.map((line) => (
                  <tr key={line.category} data-category={line.category}>
                    <td>{line.category}</td>
                    <td className="amount mono">{formatMoney(line.total, document.baseCurrency)}</td>
                    <td className="amount mono muted">{formatMoney(line.previousTotal, document.baseCurrency)}</td>
                    <td className="amount mono">{percent(line.changePercent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
          <Notable document={document} />
        </>
      )}
      {kept.data && kept.data.length > 1 && (
        <article className="card">
          <h2>{t("Earlier overviews")}</h2>
          <ul className="plain" id="overview-history">
            {kept.data.map((doc) => (
              <li key={doc.revision}>
                <button className="link" data-revision={doc.revision} onClick={() => setRevision(doc.revision)} aria-current={doc.revision === shown}>
                  {formatDate(doc.periodStart)} → {formatDate(doc.periodEnd)}
                </button>
                <span className="muted small">generated {formatInstant(doc.createdAt)}</span>
              </li>
            ))}
          </ul>
        </article>
      )}
    </section>
  );
}
