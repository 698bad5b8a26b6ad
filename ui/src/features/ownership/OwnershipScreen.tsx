// The ownership screen: the structure as the core draws it, the household's owners (edit, remove, add) and what
// each is worth, who holds each account of the view (and which are still to assign), the banks' pending proposals,
// the form recording an account's or an entity's owners, and every share set ever recorded.
import { asIpcError } from "../../api/commands";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { AccountOwners } from "./AccountOwners";
import { useOwnershipData } from "./data";
import { OwnersCard } from "./OwnersCard";
import { OwnershipHistory } from "./OwnershipHistory";
import { Proposals } from "./Proposals";
import { SetOwnershipForm } from "./SetOwnershipForm";
import { StructureCard } from "./StructureCard";

export function OwnershipScreen() {
  const t = useT();
  const { owners, overview, household, viewed, chart, error } = useOwnershipData();
  const byId = new Map((owners.data ?? []).map((o) => [o.id, o]));
  const accounts = household.data?.accounts ?? [];
  const sets = overview.data?.sets ?? [];
  const hasEntities = (owners.data ?? []).some((o) => o.kind === "entity");
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
      <StructureCard chart={chart.data} owners={byId} household={viewed.data} sets={sets} />
      <OwnersCard owners={owners.data ?? []} household={viewed.data} />
      <AccountOwners household={viewed.data} toAssign={household.data?.toAssign ?? 0} owners={byId} />
      <Proposals proposals={overview.data?.proposals ?? []} accounts={accounts} owners={byId} />
      {(accounts.length > 0 || hasEntities) && (
        <SetOwnershipForm key={`${accounts.length}-${byId.size}`} accounts={accounts} owners={owners.data ?? []} sets={sets} />
      )}
      <OwnershipHistory sets={sets} accounts={accounts} owners={byId} />
    </section>
  );
}
