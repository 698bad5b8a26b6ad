// What the balance sheet's figures leave out or cannot vouch for, said plainly: currencies with no rate (left out
// of the base-currency figures, with the way to Settings' rates), positions valued too long ago, positions the bank
// has not valued yet.
import type { Wealth } from "../../bindings/Wealth";
import { useT } from "../../preferences/hooks";

export function WealthNotes({ sheet, onOpenSettings }: { sheet: Wealth; onOpenSettings: () => void }) {
  const t = useT();
  if (sheet.unconverted.length === 0 && sheet.stalePositions === 0 && sheet.unvaluedPositions === 0) return null;
  return (
    <div className="wealth-notes" id="wealth-notes">
      {sheet.unconverted.length > 0 && (
        <p className="notice" id="wealth-unconverted">
          {t("No exchange rate for {currencies}: what is held in them is left out of the figures in {base}.", { currencies: sheet.unconverted.join(", "), base: sheet.baseCurrency })}{" "}
          <button className="link" onClick={onOpenSettings}>{t("Add a rate in Settings")}</button>
        </p>
      )}
      {sheet.stalePositions > 0 && (
        <p className="notice" id="wealth-stale">{t("{count} positions were last valued more than 7 days ago: they are marked stale.", { count: sheet.stalePositions })}</p>
      )}
      {sheet.unvaluedPositions > 0 && (
        <p className="notice" id="wealth-unvalued">{t("{count} positions have no value from the bank yet: they count in their account's balance only.", { count: sheet.unvaluedPositions })}</p>
      )}
    </div>
  );
}
