// One position's value history on its account's page: a value per value day a sync has seen (investment_history),
// drawn with axes and read under the pointer or the keys, with how many snapshots there are and the days they span.
// The history is of the whole position; in an owner's view the line under it says which part of it is theirs. Its
// returns over each period follow (PositionReturns).
import { useQuery } from "@tanstack/react-query";
import { asIpcError, investmentHistory } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { PositionLine } from "../../bindings/PositionLine";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LineChart } from "../../components/charts/LineChart";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { useViewOwner } from "../view/owners";
import { PositionReturns } from "./PositionReturns";

export function PositionHistory({ line, onClose }: { line: PositionLine; onClose: () => void }) {
  const { t } = usePreferences();
  const format = useFormat();
  const viewOwner = useViewOwner();
  const { position } = line;
  const history = useQuery({ queryKey: queryKeys.investmentHistory(position.id), queryFn: () => investmentHistory(position.id) });
  const snapshots = history.data?.snapshots ?? [];
  return (
    <section className="position-history" id="position-history" data-position-id={position.id} aria-label={t("Value history of {security}", { security: position.label })}>
      {history.isError && <ErrorBanner error={asIpcError(history.error)} action={t("Try Refresh.")} />}
      {history.data && (
        <LineChart
          title={t("Value history of {security}", { security: position.label })}
          points={snapshots.map((snapshot) => ({ date: snapshot.valueDate, value: snapshot.valuation }))}
          currency={position.currency}
          xLabel={t("Value date")}
          yLabel={t("Value ({currency})", { currency: position.currency })}
        />
      )}
      <div className="history-head">
        <p className="muted small" id="position-history-range">
          {!history.data
            ? t("Loading the value history…")
            : snapshots.length === 0
              ? t("No value recorded yet: the bank has not valued this position.")
              : snapshots.length === 1
                ? t("One value snapshot, on {date}", { date: format.date(snapshots[0].valueDate) })
                : t("{count} value snapshots, from {first} to {last}", { count: snapshots.length, first: format.date(snapshots[0].valueDate), last: format.date(snapshots[snapshots.length - 1].valueDate) })}
          {viewOwner && history.data && snapshots.length > 0 && ` · ${t("the whole position, of which {owner} holds {part}", { owner: viewOwner.name, part: format.percent(line.fraction) })}`}
        </p>
        <button type="button" className="link" onClick={onClose}>{t("Close the history")}</button>
      </div>
      {history.data && history.data.returns.length > 0 && <PositionReturns returns={history.data.returns} />}
    </section>
  );
}
