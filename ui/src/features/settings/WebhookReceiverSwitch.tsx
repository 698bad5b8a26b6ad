// The webhook receiver switch: starts or stops the same loopback listener as `pfo webhooks serve`. Powens cannot
// reach this computer by itself, so the card says a relay is needed and lists the URLs to relay each event to.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asIpcError, startWebhookReceiver, stopWebhookReceiver, webhookReceiverStatus } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";

export function WebhookReceiverSwitch() {
  const t = useT();
  const client = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.webhooks, queryFn: webhookReceiverStatus });
  const toggle = useMutation({
    mutationFn: (on: boolean) => (on ? startWebhookReceiver() : stopWebhookReceiver()),
    onSuccess: (next) => client.setQueryData(queryKeys.webhooks, next),
  });
  const listening = status.data?.listeningOn ?? null;
  return (
    <article className="card" id="webhook-receiver">
      <h2>{t("Powens webhooks")}</h2>
      <p className="muted">
        {t("Powens cannot reach this computer by itself: deliveries need a relay (an SSH reverse tunnel or a small forwarder) to 127.0.0.1. Each one is checked with the webhook secret before anything runs.")}
      </p>
      {toggle.isError && <ErrorBanner error={asIpcError(toggle.error)} action={t("Store the webhook secret with the connect form, then try again.")} />}
      <label>
        <input type="checkbox" checked={listening !== null} disabled={toggle.isPending || status.isLoading} onChange={(e) => toggle.mutate(e.target.checked)} />{" "}
        {t("Receive webhooks on this computer")}
      </label>
      {listening && (
        <>
          <p className="notice" role="status">{t("Listening on {address}", { address: listening })}</p>
          <ul className="muted small">
            {status.data?.eventUrls.map((url) => <li key={url}><code>{url}</code></li>)}
          </ul>
        </>
      )}
    </article>
  );
}
