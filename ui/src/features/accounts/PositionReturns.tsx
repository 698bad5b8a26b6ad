// A position's returns under its value history: over the last month, the year to date, the last year and since its
// first value, each measure the core computed (time-weighted, money-weighted) or, where it could not, why in plain
// words. The column heads explain each measure in a tooltip. Ratios hide with the amounts while privacy is on.
import type { NotComputable } from "../../bindings/NotComputable";
import type { PeriodReturn } from "../../bindings/PeriodReturn";
import type { ReturnPeriod } from "../../bindings/ReturnPeriod";
import { Tip } from "../../components/Tip";
import type { Translate } from "../../i18n/translate";
import { useFormat, usePreferences } from "../../preferences/hooks";

export function periodLabel(period: ReturnPeriod, t: Translate): string {
  switch (period) {
    case "one_month":
      return t("Last month");
    case "year_to_date":
      return t("Year to date");
    case "one_year":
      return t("Last year");
    case "since_first":
      return t("Since the first value");
  }
}

/** Why a measure is missing, in plain words. */
export function notComputableText(reason: NotComputable, t: Translate): string {
  switch (reason) {
    case "too_short":
      return t("Not enough history yet");
    case "no_sign_change":
      return t("No rate makes these flows add up");
    case "no_rate":
      return t("No exchange rate for a day of the period");
    case "starts_from_nothing":
      return t("The position was worth nothing at the start");
    case "flows_unknown":
      return t("The bank gives no units for this line, so deposits cannot be told from gains");
  }
}

export function PositionReturns({ returns }: { returns: PeriodReturn[] }) {
  const { t } = usePreferences();
  const format = useFormat();
  const measure = (value: string | null, missing: NotComputable | null) =>
    value !== null ? <span className={`gain ${value.startsWith("-") ? "negative" : "positive"}`}>{format.gainRatio(value)}</span> : <span className="muted small">{notComputableText(missing ?? "too_short", t)}</span>;
  return (
    <table className="position-returns" id="position-returns">
      <caption className="muted small">{t("Returns")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("Period")}</th>
          <th scope="col">{t("From")}</th>
          <th scope="col">
            <Tip tip={t("The growth of the position's value with deposits and withdrawals taken out: how the investment itself did.")}>{t("Time-weighted")}</Tip>
          </th>
          <th scope="col">
            <Tip tip={t("The yearly rate your own deposits and withdrawals earned (XIRR), annualised: how your money did, timing included.")}>{t("Money-weighted, a year")}</Tip>
          </th>
        </tr>
      </thead>
      <tbody>
        {returns.map((line) => (
          <tr key={line.period} data-period={line.period}>
            <th scope="row">{periodLabel(line.period, t)}</th>
            <td>{line.from === null ? "—" : format.date(line.from)}</td>
            <td>{measure(line.timeWeighted, line.timeWeightedMissing)}</td>
            <td>{measure(line.moneyWeighted, line.moneyWeightedMissing)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
