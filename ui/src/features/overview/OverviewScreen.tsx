// The financial overview: the latest document of the knowledge space (or an earlier one) and whose view it is, its
// charts as the core drew them (in the UI's language and theme, read under the pointer), net worth by owner,
// "Generate now" for a chosen period in the view selected above, and "Export report" to a file an advisor can read,
// written in the UI's language.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asIpcError, exportOverview, generateOverview, getOverview, listOverviews, overviewCharts } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { OverviewDocument } from "../../bindings/OverviewDocument";
import { ErrorBanner } from "../../components/ErrorBanner";
import { CoreChart } from "../../components/charts/CoreChart";
import type { Translate } from "../../i18n/translate";
import { codeLabel } from "../../lib/workflows";
import { useFormat, usePreferences, useT } from "../../preferences/hooks";
import { useOwnerMap } from "../view/owners";
import { DocumentViewLine } from "./DocumentViewLine";
import { OwnersWorth } from "./OwnersWorth";

function periods(t: Translate, year = new Date().getFullYear() - 1) {
  return [
    { value: "last-12-months", label: t("Last 12 months") },
    { value: "ytd", label: t("Year to date") },
    { value: String(year), label: t("Year {year}", { year }) },
    { value: "all", label: t("Whole history") },
  ];
}

function percent(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(1)} %`;
}

function Figures({ document }: { document: OverviewDocument }) {
  const t = useT();
  const format = useFormat();
  const base = document.baseCurrency;
  const total = document.cashflow.total;
  return (
    <div className="cards">
      <article className="card total" id="overview-net-worth">
        <span className="muted">{t("Net worth ({currency})", { currency: base })}</span>
        <strong className={`big mono ${document.netWorth.base.net.startsWith("-") ? "negative" : ""}`}>{format.money(document.netWorth.base.net, base)}</strong>
        <span className="muted small">
          {t("Assets {assets} · Liabilities {liabilities}", { assets: format.money(document.netWorth.base.assets, base), liabilities: format.money(document.netWorth.base.liabilities, base) })}
        </span>
      </article>
      <article className="card total" id="overview-cashflow">
        <span className="muted">{t("Cashflow over the period")}</span>
        <strong className={`big mono ${total.net.startsWith("-") ? "negative" : ""}`}>{format.money(total.net, base)}</strong>
        <span className="muted small">
          {t("Income {income} · Expenses {expenses} · Savings rate {rate}", { income: format.money(total.income, base), expenses: format.money(total.expenses, base), rate: percent(total.savingsRate) })}
        </span>
      </article>
      {document.netWorth.perCurrency.map((position) => (
        <article key={position.currency} className="card total" data-overview-currency={position.currency}>
          <span className="muted">{t("Held in {currency}", { currency: position.currency })}</span>
          <strong className="mono">{format.money(position.net, position.currency)}</strong>
        </article>
      ))}
    </div>
  );
}

function Notable({ document }: { document: OverviewDocument }) {
  const t = useT();
  const format = useFormat();
  const notable = document.notable;
  const base = document.baseCurrency;
  return (
    <article className="card" id="overview-notable">
      <h2>{t("Notable")}</h2>
      {notable.expiringConsents.map((c) => (
        <p key={c.institution} className="connection-health">
          {c.daysLeft >= 0
            ? t("{institution}: bank consent ends in {count} days ({date}). Reconnect before then.", { institution: c.institution, count: c.daysLeft, date: format.date(c.expiresOn) })
            : t("{institution}: bank consent ended on {date}. Reconnect.", { institution: c.institution, date: format.date(c.expiresOn) })}
        </p>
      ))}
      {notable.balanceMismatches.map((m) => (
        <p key={m.account.id} className="connection-health">
          {t("{account}: the bank's balance moved {change} but its transactions add up to {sum}.", {
            account: m.account.name,
            change: format.money(m.balanceChange, m.account.currency),
            sum: format.money(m.transactionsSum, m.account.currency),
          })}
        </p>
      ))}
      <div className="columns">
        <div>
          <h3>{t("Largest movements")}</h3>
          <ul className="plain">
            {notable.largestMovements.map((m, index) => (
              <li key={index} className="movement">
                <span>{format.date(m.date)} · {m.category} · {m.account.name}</span>
                <span className={`mono ${m.amount.startsWith("-") ? "negative" : "positive"}`}>{format.money(m.amount, m.account.currency)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t("Recurring charges")}</h3>
          {notable.recurringCharges.length === 0 && <p className="muted">{t("None found.")}</p>}
          <ul className="plain">
            {notable.recurringCharges.map((c, index) => (
              <li key={index} className="recurring">
                <span>{t("{category} · {cadence} · next {date}", { category: c.category, cadence: codeLabel(c.cadence, t), date: format.date(c.nextExpected) })}</span>
                <span className="mono negative">{format.money(c.typicalAmount, c.account.currency)}</span>
              </li>
            ))}
          </ul>
          {notable.pending.length > 0 && (
            <p className="muted">{t("Pending: {totals}", { totals: notable.pending.map((p) => `${p.count} · ${format.money(p.amount, p.currency)}`).join(", ") })}</p>
          )}
        </div>
      </div>
      {document.ratesUsed.length > 0 && (
        <p className="muted small">
          {t("Converted to {currency} at {rates}.", { currency: base, rates: document.ratesUsed.map((r) => `1 ${r.currency} = ${r.rate} (${format.date(r.asOf)})`).join(", ") })}
        </p>
      )}
      {document.excludedAccounts.length > 0 && (
        <p className="muted small">{t("Left out: {accounts}.", { accounts: document.excludedAccounts.map((e) => `${e.account.name} (${codeLabel(e.reason, t)})`).join(", ") })}</p>
      )}
    </article>
  );
}

export function OverviewScreen() {
  const { t, reportLocale: locale, theme, viewScope } = usePreferences();
  const format = useFormat();
  const owners = useOwnerMap();
  const queryClient = useQueryClient();
  const [revision, setRevision] = useState<number | null>(null);
  const choices = periods(t);
  const [period, setPeriod] = useState(choices[0].value);
  const kept = useQuery({ queryKey: queryKeys.overviews, queryFn: listOverviews });
  const stored = useQuery({ queryKey: queryKeys.overview(revision), queryFn: () => getOverview(revision) });
  const shown = stored.data?.summary.revision ?? null;
  const charts = useQuery({
    queryKey: queryKeys.charts(shown, locale, theme),
    queryFn: () => overviewCharts(shown, locale, theme),
    enabled: shown !== null,
  });
  const generate = useMutation({
    mutationFn: () => generateOverview({ period, locale, ...viewScope }),
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
              ? t("{start} → {end} · generated {generated} · kept until {expires}", {
                  start: format.date(document.period.start),
                  end: format.date(document.period.end),
                  generated: format.instant(document.generatedAt),
                  expires: format.instant(stored.data!.summary.expiresAt),
                })
              : t("Balances and transactions of a period, summed up for you and your advisor")}
          </p>
        </div>
        <div className="filters">
          <select aria-label={t("Period")} value={period} onChange={(e) => setPeriod(e.target.value)}>
            {choices.map((p) => (
              <option key={p.value} value={p.value}>{p.label}</option>
            ))}
          </select>
          <button id="generate-overview" className="primary" onClick={() => generate.mutate()} disabled={generate.isPending}>
            {generate.isPending ? t("Generating…") : t("Generate now")}
          </button>
          <button id="export-report" className="secondary inline" onClick={() => exporter.mutate("html")} disabled={!document || exporter.isPending}>
            {t("Export report")}
          </button>
          <button id="export-report-md" className="secondary inline" onClick={() => exporter.mutate("md")} disabled={!document || exporter.isPending}>
            {t("Markdown")}
          </button>
        </div>
      </header>
      {generate.isError && <ErrorBanner error={asIpcError(generate.error)} action={t("Pick another period or refresh, then try again.")} />}
      {exporter.isError && <ErrorBanner error={asIpcError(exporter.error)} action={t("Free some space or check the Downloads folder, then export again.")} />}
      {exporter.data && (
        <p className="notice" role="status" id="export-result">{t("Report saved to {path}", { path: exporter.data.path })}</p>
      )}
      {stored.isError && <ErrorBanner error={asIpcError(stored.error)} action={t("Generate a new overview.")} />}
      {stored.data === null && (
        <div className="empty">
          <h2>{t("No overview yet")}</h2>
          <p>{t("Press Generate now: the overview sums up net worth, cashflow, categories and trends of the period you choose.")}</p>
        </div>
      )}
      {document && (
        <>
          <DocumentViewLine document={document} owners={owners} />
          <Figures document={document} />
          <article className="card">
            <CoreChart svg={charts.data?.trend} readings={charts.data?.readings.trend} title={t("Net worth and account balances")} />
          </article>
          <div className="columns">
            <article className="card">
              <CoreChart svg={charts.data?.cashflow} readings={charts.data?.readings.cashflow} title={t("Cashflow per month")} />
            </article>
            <article className="card">
              <CoreChart svg={charts.data?.categories} readings={charts.data?.readings.categories} title={t("Spending by category")} />
            </article>
          </div>
          <OwnersWorth document={document} owners={owners} chart={charts.data?.owners} readings={charts.data?.readings.owners} />
          <article className="card">
            <h2>{t("Spending by category")}</h2>
            <table className="grid" id="overview-categories">
              <thead>
                <tr><th>{t("Category")}</th><th className="amount">{t("This period")}</th><th className="amount">{t("Before")}</th><th className="amount">{t("Change")}</th></tr>
              </thead>
              <tbody>
                {document.categories.spending.map((line) => (
                  <tr key={line.category} data-category={line.category}>
                    <td>{line.category}</td>
                    <td className="amount mono">{format.money(line.total, document.baseCurrency)}</td>
                    <td className="amount mono muted">{format.money(line.previousTotal, document.baseCurrency)}</td>
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
                  {format.date(doc.periodStart)} → {format.date(doc.periodEnd)}
                </button>
                <span className="muted small">{t("generated {when}", { when: format.instant(doc.createdAt) })}</span>
              </li>
            ))}
          </ul>
        </article>
      )}
    </section>
  );
}
