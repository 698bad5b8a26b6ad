// An account's direct owners as small badges (colour, name, percentage, and the right when it is not full
// ownership), or "To assign" when nobody recorded them yet. Names are looked up here: the core sends ids.
import type { AccountShare } from "../../bindings/AccountShare";
import type { Owner } from "../../bindings/Owner";
import { useT } from "../../preferences/hooks";
import { percentLabel, RIGHTS } from "./labels";

export function OwnerBadges({ share, owners }: { share: AccountShare | undefined; owners: Map<string, Owner> }) {
  const t = useT();
  if (!share) return null;
  if (!share.assigned) {
    return <span className="badge to-assign" title={t("Held by the primary owner until someone assigns it")}>{t("To assign")}</span>;
  }
  return (
    <ul className="owner-badges">
      {share.shares.map((part) => {
        const owner = owners.get(part.owner);
        return (
          <li key={`${part.owner}-${part.right}`} className="owner-badge" data-owner={part.owner}>
            <span className="dot" style={{ background: owner?.colour }} aria-hidden="true" />
            {owner?.name ?? part.owner} <span className="mono">{percentLabel(part.percent, t)}</span>
            {part.right !== "full" && <span className="muted"> {t(RIGHTS[part.right])}</span>}
          </li>
        );
      })}
    </ul>
  );
}
