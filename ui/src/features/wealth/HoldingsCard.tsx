// The holdings: every security rolled up across accounts by ISIN, largest first as the core sorts them, with its
// class (what it was decided from in a tooltip), its value and gain in the base currency, its value day and marks;
// a holding held in several accounts opens onto its part in each, in that account's currency.
import { useId, useState } from "react";
import type { Wealth } from "../../bindings/Wealth";
import type { WealthHolding } from "../../bindings/WealthHolding";
import type { HoldingPart } from "../../bindings/HoldingPart";
import { Tip } from "../../components/Tip";
import { useFormat, useT } from "../../preferences/hooks";
import { gainRatioOf, partsSummary } from "./figures";
import { CLASSES, evidenceText } from "./labels";
import { PositionMarkers } from "./PositionMarkers";

const signClass = (amount: string | null) => (amount === null || /^-?0(\.0*)?$/.test(amount) ? "" : amount.startsWith("-") ? "negative" : "positive");

function Gain({ value, gain, currency }: { value: string | null; gain: string | null; currency: string }) {
  const format = useFormat();
  const ratio = gainRatioOf(value, gain);
  return (
    <td className={`amount mono gain ${signClass(gain)}`}>
      {format.gain(gain, currency)}
      {ratio !== null && <span className="share-part">{format.gainRatio(ratio)}</span>}
    </td>
  );
}

function PartRow({ part, id, accountName }: { part: HoldingPart; id: string; accountName: string }) {
  const format = useFormat();
  return (
    <tr className="holding-part" id={id} data-position-id={part.positionId}>
      <td />
      <th scope="row" className="part-account">
        {accountName}
        <PositionMarkers stale={part.stale} valueDate={part.valueDate} calculated={part.calculated} />
      </th>
      <td />
      <td className="amount mono">{format.money(part.valuation, part.currency)}</td>
      <Gain value={part.valuation} gain={part.gain} currency={part.currency} />
      <td className="date">{part.valueDate ? format.date(part.valueDate) : "—"}</td>
    </tr>
  );
}

function HoldingRows({ holding, base, accountName }: { holding: WealthHolding; base: string; accountName: (id: string) => string }) {
  const t = useT();
  const format = useFormat();
  const partsId = useId();
  const [open, setOpen] = useState(false);
  const summary = partsSummary(holding.parts);
  const several = holding.parts.length > 1;
  const unconverted = [...new Set(holding.parts.map((p) => p.currency).filter((c) => c !== base))];
  return (
    <tbody className="holding" data-holding={holding.code ?? holding.parts[0].positionId}>
      <tr className="holding-row">
        <td className="expander">
          {several && (
            <button
              type="button"
              className="link expand"
              aria-expanded={open}
              aria-controls={holding.parts.map((_, index) => `${partsId}-${index}`).join(" ")}
              aria-label={t("Parts of {security} by account", { security: holding.label })}
              onClick={() => setOpen((shown) => !shown)}
            >
              {open ? "▾" : "▸"}
            </button>
          )}
        </td>
        <th scope="row">
          <span className="holding-label">{holding.label}</span>
          <span className="muted small holding-meta">
            {holding.code && <span className="mono">{holding.code}</span>}
            {holding.code && " · "}
            {several ? t("in {count} accounts", { count: holding.parts.length }) : t("in {account}", { account: accountName(holding.parts[0].accountId) })}
          </span>
          <PositionMarkers stale={summary.stale} valueDate={summary.valueDate} calculated={summary.calculated} />
        </th>
        <td className="class-cell">
          <Tip tip={evidenceText(holding.class, holding.evidence, t)}>
            <span className={`swatch class-${holding.class}`} aria-hidden="true" />
            {t(CLASSES[holding.class])}
          </Tip>
        </td>
        <td className="amount mono">
          {holding.valueInBase === null ? (
            <Tip tip={t("No exchange rate for {currency}: left out of the totals.", { currency: unconverted.join(", ") })}>—</Tip>
          ) : (
            format.money(holding.valueInBase, base)
          )}
        </td>
        <Gain value={holding.valueInBase} gain={holding.gainInBase} currency={base} />
        <td className="date">{summary.valueDate ? format.date(summary.valueDate) : "—"}</td>
      </tr>
      {several && open && holding.parts.map((part, index) => <PartRow key={part.positionId} part={part} id={`${partsId}-${index}`} accountName={accountName(part.accountId)} />)}
    </tbody>
  );
}

export function HoldingsCard({ sheet, accountName }: { sheet: Wealth; accountName: (id: string) => string }) {
  const t = useT();
  if (sheet.holdings.length === 0) {
    return (
      <article className="card empty" id="wealth-no-positions">
        <h2>{t("No investments yet")}</h2>
        <p>{t("The bank data provider's wealth product delivers the positions of investment accounts (PEA, life insurance, securities accounts) at the next refresh.")}</p>
      </article>
    );
  }
  return (
    <article className="card" id="wealth-holdings">
      <h2>{t("Holdings")}</h2>
      <p className="muted small">{t("Securities rolled up across accounts by ISIN, largest first.")}</p>
      <table className="grid named-rows holdings">
        <thead>
          <tr>
            <th scope="col" className="expander"><span className="visually-hidden">{t("Parts")}</span></th>
            <th scope="col">{t("Security")}</th>
            <th scope="col">{t("Class")}</th>
            <th scope="col" className="amount">{t("Value ({currency})", { currency: sheet.baseCurrency })}</th>
            <th scope="col" className="amount">{t("Gain")}</th>
            <th scope="col">{t("Value date")}</th>
          </tr>
        </thead>
        {sheet.holdings.map((holding) => (
          <HoldingRows key={holding.code ?? holding.parts[0].positionId} holding={holding} base={sheet.baseCurrency} accountName={accountName} />
        ))}
      </table>
    </article>
  );
}
