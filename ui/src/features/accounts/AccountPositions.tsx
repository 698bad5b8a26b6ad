// An investment account's positions on its page (list_investments, in the view): each security with its ISIN, the
// units, the unit value, the view's part of its value (the whole position on hover, as the account's balance reads)
// and of its gain, the gain as a ratio of the cost, the value day, and its marks (stale, as the balance sheet says,
// and computed by Powens); the held positions' total; sold ones on request. Choosing one opens its value history.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { asIpcError, getWealth, listInvestments } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { BankAccountRecord } from "../../bindings/BankAccountRecord";
import type { PositionLine } from "../../bindings/PositionLine";
import { ErrorBanner } from "../../components/ErrorBanner";
import { multiplyDecimals } from "../../lib/decimal";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { PositionMarkers } from "../wealth/PositionMarkers";
import { PositionHistory } from "./PositionHistory";

/** Account types whose bank may deliver positions (pfo_core's Pea, Market, LifeInsurance and Retirement). */
const INVESTMENT_TYPES = new Set(["pea", "market", "lifeinsurance", "capitalisation", "per", "perp", "perco", "madelin", "article83"]);

export const holdsPositions = (accountType: string) => INVESTMENT_TYPES.has(accountType);

const signClass = (amount: string | null) => (amount === null || /^-?0(\.0*)?$/.test(amount) ? "" : amount.startsWith("-") ? "negative" : "positive");

function PositionRow({ line, inView, chosen, stale, onChoose }: { line: PositionLine; inView: boolean; chosen: boolean; stale: boolean; onChoose: () => void }) {
  const { t } = usePreferences();
  const format = useFormat();
  const { position } = line;
  const value = inView ? line.shareValuation : position.valuation;
  const gain = position.gain === null ? null : inView ? multiplyDecimals(position.gain, line.fraction) : position.gain;
  return (
    <tr className={`position-row ${chosen ? "selected" : ""} ${position.endedOn ? "ended" : ""}`} data-position-id={position.id}>
      <th scope="row">
        <button type="button" className="link position-name" aria-pressed={chosen} onClick={onChoose} title={t("Show its value history")}>{position.label}</button>
        <span className="muted small holding-meta">
          {position.code ? <span className="mono">{position.code.scheme === "isin" ? t("ISIN {code}", { code: position.code.code }) : t("AMF code {code}", { code: position.code.code })}</span> : t("no security code")}
          {position.stockSymbol && ` · ${position.stockSymbol}`}
        </span>
        <PositionMarkers stale={stale} valueDate={position.valueDate} calculated={position.calculated} />
        {position.endedOn && <span className="badge">{t("sold or gone on {date}", { date: format.date(position.endedOn) })}</span>}
      </th>
      <td className="amount mono">{format.quantity(position.quantity)}</td>
      <td className="amount mono" title={position.foreign?.unitValue ? t("{amount} in {currency}", { amount: format.money(position.foreign.unitValue, position.foreign.currency), currency: position.foreign.currency }) : undefined}>
        {format.money(position.unitValue, position.currency)}
      </td>
      <td
        className={`amount mono ${value?.startsWith("-") ? "negative" : ""}`}
        title={inView && position.valuation !== null ? t("{part} of the whole position, {whole}", { part: format.percent(line.fraction), whole: format.money(position.valuation, position.currency) }) : undefined}
      >
        {position.valuation === null ? t("not valued yet") : format.money(value, position.currency)}
      </td>
      <td className={`amount mono gain ${signClass(gain)}`}>{format.gain(gain, position.currency)}</td>
      <td className={`amount mono ${signClass(position.gainRatio)}`}>{format.gainRatio(position.gainRatio)}</td>
      <td className="date">{position.valueDate ? format.date(position.valueDate) : "—"}</td>
    </tr>
  );
}

export function AccountPositions({ account }: { account: BankAccountRecord }) {
  const { t, viewScope: scope } = usePreferences();
  const format = useFormat();
  const inView = scope.view !== null;
  const [includeEnded, setIncludeEnded] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const investments = useQuery({ queryKey: queryKeys.investments([account.id], includeEnded, scope), queryFn: () => listInvestments([account.id], includeEnded, scope) });
  // Which positions are stale is the balance sheet's word (the core's rule and day), shared with the Wealth screen.
  const wealth = useQuery({ queryKey: queryKeys.wealth(scope), queryFn: () => getWealth(scope) });
  const stale = new Set((wealth.data?.holdings ?? []).flatMap((h) => h.parts.filter((p) => p.stale).map((p) => p.positionId)));
  const lines = (investments.data?.positions ?? []).filter((line) => line.position.accountId === account.id);
  const total = investments.data?.portfolios.find((portfolio) => portfolio.accountId === account.id);
  const chosenLine = lines.find((line) => line.position.id === chosen);

  return (
    <article className="card" id="account-positions">
      <div className="history-head">
        <h2>{t("Positions")}</h2>
        <label className="toggle">
          <input type="checkbox" checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
          {t("Show sold positions")}
        </label>
      </div>
      {investments.isError && <ErrorBanner error={asIpcError(investments.error)} action={t("Try Refresh.")} />}
      {investments.isPending && <p className="muted">{t("Loading the positions…")}</p>}
      {investments.data && lines.length === 0 && (
        <p className="muted" id="no-positions">{t("No positions yet: the bank data provider's wealth product delivers them at the next refresh.")}</p>
      )}
      {lines.length > 0 && (
        <table className="grid named-rows positions">
          <thead>
            <tr>
              <th scope="col">{t("Security")}</th>
              <th scope="col" className="amount">{t("Quantity")}</th>
              <th scope="col" className="amount">{t("Unit value")}</th>
              <th scope="col" className="amount">{inView ? t("Share") : t("Value")}</th>
              <th scope="col" className="amount">{t("Gain")}</th>
              <th scope="col" className="amount">{t("Gain %")}</th>
              <th scope="col">{t("Value date")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <PositionRow
                key={line.position.id}
                line={line}
                inView={inView}
                chosen={line.position.id === chosen}
                stale={stale.has(line.position.id)}
                onChoose={() => setChosen((shown) => (shown === line.position.id ? null : line.position.id))}
              />
            ))}
          </tbody>
          {total && (
            <tfoot className="portfolio-total">
              <tr>
                <th scope="row">
                  {t("{count} positions held", { count: total.positions })}
                  {total.unvalued > 0 && <span className="muted small holding-meta">{t("{count} not valued yet, left out of the total", { count: total.unvalued })}</span>}
                </th>
                <td />
                <td />
                <td className="amount mono" id="positions-total">{format.money(inView ? total.shareValuation : total.valuation, total.currency)}</td>
                <td colSpan={3} />
              </tr>
            </tfoot>
          )}
        </table>
      )}
      {chosenLine && <PositionHistory line={chosenLine} onClose={() => setChosen(null)} />}
    </article>
  );
}
