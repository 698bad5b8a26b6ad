// What the banks say about who holds each account, still pending: Accept records it (only when every party is an
// owner already), Dismiss keeps it aside.
import { useMutation } from "@tanstack/react-query";
import { acceptOwnershipProposal, asIpcError, dismissOwnershipProposal } from "../../api/commands";
import type { AccountShare } from "../../bindings/AccountShare";
import type { Owner } from "../../bindings/Owner";
import type { OwnershipProposal } from "../../bindings/OwnershipProposal";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, useT } from "../../preferences/hooks";
import { useOwnershipChanged } from "./data";
import { percentLabel } from "./labels";
import { OwnerName } from "./OwnerName";

export function Proposals({ proposals, accounts, owners }: { proposals: OwnershipProposal[]; accounts: AccountShare[]; owners: Map<string, Owner> }) {
  const t = useT();
  const format = useFormat();
  const changed = useOwnershipChanged();
  const accepting = useMutation({ mutationFn: (accountId: string) => acceptOwnershipProposal({ accountId }), onSuccess: changed });
  const dismissing = useMutation({ mutationFn: (accountId: string) => dismissOwnershipProposal({ accountId }), onSuccess: changed });
  const error = accepting.error ?? dismissing.error;
  const pending = proposals.filter((p) => p.status === "pending");
  const names = new Map(accounts.map((a) => [a.accountId, a.name]));
  return (
    <article className="card" id="ownership-proposals">
      <h2>{t("What the banks report")}</h2>
      {error && <ErrorBanner error={asIpcError(error)} action={t("Try again in a moment.")} />}
      {pending.length === 0 && <p className="muted">{t("No proposal from the banks is waiting.")}</p>}
      {pending.map((proposal) => (
        <section key={proposal.accountId} className="proposal" data-proposal={proposal.accountId}>
          <h3>{names.get(proposal.accountId) ?? proposal.accountId}</h3>
          <p className="muted small">{t("Reported {when}", { when: format.instant(proposal.receivedAt) })}</p>
          <ul className="shares">
            {proposal.shares.map((share) => (
              <li key={share.partyName}>
                {share.owner ? <OwnerName owner={owners.get(share.owner)} /> : <span className="owner-name">{share.partyName}</span>}{" "}
                <span className="mono">{percentLabel(share.percent, t)}</span>
                {!share.owner && <span className="badge">{t("not an owner yet")}</span>}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button
              className="secondary"
              onClick={() => accepting.mutate(proposal.accountId)}
              disabled={!proposal.complete || accepting.isPending}
              title={proposal.complete ? undefined : t("Add every party named by the bank as an owner first.")}
            >
              {t("Accept")}
            </button>
            <button className="secondary" onClick={() => dismissing.mutate(proposal.accountId)} disabled={dismissing.isPending}>{t("Dismiss")}</button>
          </div>
          {!proposal.complete && <p className="muted small">{t("Add every party named by the bank as an owner first.")}</p>}
        </section>
      ))}
    </article>
  );
}
