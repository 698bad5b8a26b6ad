// Activity: every workflow run with its status, counts and error, and the local telemetry log.
import { useQuery } from "@tanstack/react-query";
import { asIpcError, listRuns, telemetryTail } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import { codeLabel, workflowName } from "../../lib/workflows";
import { useFormat, useT } from "../../preferences/hooks";

export function ActivityScreen() {
  const t = useT();
  const format = useFormat();
  const runs = useQuery({ queryKey: queryKeys.runs, queryFn: () => listRuns(100) });
  const telemetry = useQuery({ queryKey: queryKeys.telemetry, queryFn: () => telemetryTail(50) });
  const events = [...(telemetry.data ?? [])].reverse();
  return (
    <section className="screen" aria-labelledby="activity-title">
      <header className="screen-header">
        <h1 id="activity-title">{t("Activity")}</h1>
      </header>
      {runs.isError && <ErrorBanner error={asIpcError(runs.error)} action={t("Restart the app.")} />}
      {runs.data?.length === 0 && <div className="empty"><h2>{t("No refresh yet")}</h2><p>{t("Runs appear here as they happen.")}</p></div>}
      {runs.data && runs.data.length > 0 && (
        <table className="grid card">
          <thead>
            <tr>
              <th>{t("Started")}</th><th>{t("Workflow")}</th><th>{t("Status")}</th><th className="amount">{t("New")}</th>
              <th className="amount">{t("Updated")}</th><th className="amount">{t("Duration")}</th><th>{t("Error")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id} className={`run-row status-${run.status}`}>
                <td>{format.instant(run.startedAt)}</td>
                <td>{workflowName(run.workflow, t)}</td>
                <td><span className={`badge status-${run.status}`}>{codeLabel(run.status, t)}</span></td>
                <td className="amount mono">{run.inserted}</td>
                <td className="amount mono">{run.updated}</td>
                <td className="amount mono">{run.durationMs === null ? "—" : t("{duration} ms", { duration: run.durationMs })}</td>
                <td className="muted">{run.errorMessage ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.length > 0 && (
        <article className="card" id="telemetry-log">
          <h2>{t("Telemetry (kept on this computer, redacted)")}</h2>
          <table className="grid">
            <thead>
              <tr><th>{t("When")}</th><th>{t("Event")}</th><th>{t("Details")}</th></tr>
            </thead>
            <tbody>
              {events.map((event, index) => (
                <tr key={index} className="telemetry-row" data-event={event.name}>
                  <td>{format.instant(event.at)}</td>
                  <td className="mono">{event.name}</td>
                  <td className="muted small">
                    {Object.entries(event.properties)
                      .filter(([, value]) => value !== null && value !== undefined)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </section>
  );
}
