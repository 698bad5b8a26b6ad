// An account's amount as a view sees it: the owner's share of the balance, its part as a percentage below, and the
// whole balance in the tooltip; the whole balance for the household (or when the core gives no share, as for an
// inactive account). The percentage hides with the amounts, as what is left of a privacy screen should tell nothing.
import type { AccountShare } from "../../bindings/AccountShare";
import { useFormat, usePreferences } from "../../preferences/hooks";

export function ShareAmount({ balance, currency, share, inView }: { balance: string | null; currency: string; share: AccountShare | undefined; inView: boolean }) {
  const { t, amountsHidden } = usePreferences();
  const format = useFormat();
  const shown = inView && share ? share.shareBalance : balance;
  return (
    <td
      className={`amount mono ${shown?.startsWith("-") ? "negative" : ""}`}
      title={inView && share ? t("{part} of the whole balance, {whole}", { part: format.percent(share.fraction), whole: format.money(balance, currency) }) : undefined}
    >
      {format.money(shown, currency)}
      {inView && share && !amountsHidden && <span className="share-part muted small">{format.percent(share.fraction)}</span>}
    </td>
  );
}
