// The one-click Refresh: runs every workflow, shows live progress, and the outcome in plain words.
import { t } from "../../lib/i18n";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asIpcError, refresh } from "../../api/commands";
import { refreshedKeys } from "../../api/query-keys";
import { useSyncEvents } from "../../api/events";
import type { RefreshOutcome } from "../../bindings/RefreshOutcome";
import { workflowName } from "../../lib/workflows";

function summary(outcome: RefreshOutcome): string {
  const failed = outcome.runs.find((run) => run.status !== "succeeded");
  if (failed) return `${workflowName(failed.workflow)}: ${failed.errorMessage ?? failed.status}`;
  const [accounts, transactions] = outcome.runs;
  const changed = (transactions?.inserted ?? 0) + (transactions?.updated ?? 0);
  return t("Up to date: {accounts} accounts, {changed} new or changed transactions.", { accounts: accounts?.received ?? 0, changed });
}

export function useRefresh() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refresh,
    onSettled: () => {
      for (const key of refreshedKeys) queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

export function RefreshButton({ refresher }: { refresher: ReturnType<typeof useRefresh> }) {
  const progress = useSyncEvents();
  const running = refresher.isPending;
  const label = running && progress?.kind === "started" ? `${workflowName(progress.workflow)} ${progress.step}/${progress.steps}…` : running ? t("Refreshing…") : t("Refresh");
  return (
    <div className="refresh">
      {refresher.isSuccess && !running && (
        <span id="sync-result" role="status" className={refresher.data.status === "succeeded" ? "ok" : "warn"} data-status={refresher.data.status}>
          {summary(refresher.data)}
        </span>
      )}
      {refresher.isError && !running && (
        <span id="sync-result" role="alert" className="warn" data-code={asIpcError(refresher.error).code}>
          {asIpcError(refresher.error).message}
        </span>
      )}
      <button id="refresh" className="primary" onClick={() => refresher.mutate()} disabled={running} title="Refresh (Ctrl+R)">
        {label}
      </button>
    </div>
  );
}
