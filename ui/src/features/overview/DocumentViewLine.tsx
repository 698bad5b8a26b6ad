// Whose figures an overview shows, as the document records it (an owner's id and the basis: the name is looked up
// here, documents never carry one), the view's part of each account, the days shares changed within the period,
// and a word when the view selected above is another one (Generate now makes the overview for it).
import type { Owner } from "../../bindings/Owner";
import type { OverviewDocument } from "../../bindings/OverviewDocument";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { BASIS_COUNTED, percentLabel } from "../ownership/labels";

export function DocumentViewLine({ document, owners }: { document: OverviewDocument; owners: Map<string, Owner> }) {
  const { t, viewScope } = usePreferences();
  const format = useFormat();
  const { owner, basis, shares, shareChanges } = document.view;
  const accountName = new Map(document.netWorth.accounts.map((position) => [position.account.id, position.account.name]));
  const otherView = owner !== viewScope.view || (owner !== null && basis !== viewScope.basis);
  return (
    <div className="view-line" id="overview-view" data-view={owner ?? "household"}>
      <strong>
        {owner === null
          ? t("View: the household, every account whole")
          : t("View: {owner} · {basis}", { owner: owners.get(owner)?.name ?? owner, basis: t(BASIS_COUNTED[basis]) })}
      </strong>
      {shares.length > 0 && (
        <span className="muted small" id="overview-view-shares">
          {t("Parts at the period's end: {shares}", { shares: shares.map((share) => `${accountName.get(share.account) ?? share.account} ${percentLabel(share.percent, t)}`).join(", ") })}
        </span>
      )}
      {shareChanges.length > 0 && (
        <span className="small" id="overview-share-changes">
          {t("Shares changed on {dates}: each day's figures use the shares in force that day.", { dates: shareChanges.map((day) => format.date(day)).join(", ") })}
        </span>
      )}
      {otherView && <span className="muted small" id="overview-other-view">{t("The view selected above is another one: Generate now makes the overview for it.")}</span>}
    </div>
  );
}
