// The one-click Refresh: runs every workflow, shows live progress, and the outcome in plain words.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asIpcError, refresh } from "../../api/commands";
import { refreshedKeys } from "../../api/query-keys";
import { useSyncEvents } from "../../api/events";
import type { RefreshOutcome } from "../../bindings/RefreshOutcome";
import type { Translate } from "../../i18n/translate";
import { codeLabel, workflowName } from "../../lib/workflows";
import { useT } from "../../preferences/hooks";

function summary(outcome: RefreshOutcome, t: Translate): string {
  const failed = outcome.runs.find((run) => run.status !== "succeeded");
  if (failed) return t("{workflow}: {problem}", { workflow: workflowName(failed.workflow, t), problem: failed.errorMessage ?? codeLabel(failed.status, t) });
  const [accounts, transactions] = outcome.runs;
  const changed = (transactions?.inserted ?? 0) + (transactions?.updated ?? 0);
  return t("Up to date: {accounts}, {changed}.", {
    accounts: t("{count} accounts", { count: accounts?.received ?? 0 }),
    changed: t("{count} new or changed transactions", { count: changed }),
  });
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
  const t = useT();
  const progress = useSyncEvents();
  const running = refresher.isPending;
  const label = running && progress?.kind === "started" ? t("{workflow} {step}/{steps}…", { workflow: workflowName(progress.workflow, t), step: progress.step, steps: progress.steps }) : running ? t("Refreshing…") : t("Refresh");
  return (
    <div className="refresh">
      {refresher.isSuccess && !running && (
        <span id="sync-result" role="status" className={refresher.data.status === "succeeded" ? "ok" : "warn"} data-status={refresher.data.status}>
          {summary(refresher.data, t)}
        </span>
      )}
      {refresher.isError && !running && (
        <span id="sync-result" role="alert" className="warn" data-code={asIpcError(refresher.error).code}>
          {asIpcError(refresher.error).message}
        </span>
      )}
      <button id="refresh" className="primary" onClick={() => refresher.mutate()} disabled={running} title={t("Refresh (Ctrl+R)")}>
        {label}
      </button>
    </div>
  );
}
