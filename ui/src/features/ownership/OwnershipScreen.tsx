// The ownership screen: the household's owners and what each is worth, who holds each account (and which are still
// to assign), the banks' pending proposals, and the form recording an account's owners.
import { asIpcError } from "../../api/commands";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { AccountOwners } from "./AccountOwners";
import { useOwnershipData } from "./data";
import { OwnersCard } from "./OwnersCard";
import { Proposals } from "./Proposals";
import { SetOwnershipForm } from "./SetOwnershipForm";

export function OwnershipScreen() {
  const t = useT();
  const { owners, overview, household, error } = useOwnershipData();
  const byId = new Map((owners.data ?? []).map((o) => [o.id, o]));
  const accounts = household.data?.accounts ?? [];
  return (
    <section className="screen" aria-labelledby="ownership-title">
      <header className="screen-header">
        <div>
          <h1 id="ownership-title">{t("Ownership")}</h1>
          <p className="muted">{t("Who holds each account and entity, and what each owner is worth.")}</p>
        </div>
      </header>
      {error && <ErrorBanner error={asIpcError(error)} action={t("Try Refresh.")} />}
      {owners.isPending && <p className="muted">{t("Loading…")}</p>}
      <OwnersCard owners={owners.data ?? []} household={household.data} />
      <AccountOwners household={household.data} owners={byId} />
      <Proposals proposals={overview.data?.proposals ?? []} accounts={accounts} owners={byId} />
      {accounts.length > 0 && <SetOwnershipForm key={accounts.length} accounts={accounts} owners={owners.data ?? []} />}
    </section>
  );
}
