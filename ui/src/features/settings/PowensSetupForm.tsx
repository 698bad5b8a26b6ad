// Connect the household's own Powens domain from the app: settings and the BYOK secrets (client credentials, and
// the optional API key and webhook secret), checked against Powens before anything is saved; the secrets go straight
// into the OS keyring and are never shown again.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asIpcError, configurePowens } from "../../api/commands";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";

export function PowensSetupForm() {
  const t = useT();
  const [environment, setEnvironment] = useState<"production" | "sandbox">("production");
  const [baseUrl, setBaseUrl] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [region, setRegion] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const queries = useQueryClient();
  const connect = useMutation({
    mutationFn: () =>
      configurePowens({
        environment,
        baseUrl,
        region: region.trim() || null,
        pollingIntervalMs: null,
        clientId,
        clientSecret,
        apiKey: apiKey || null,
        webhookSecret: webhookSecret || null,
      }),
    // The core now shows the connected domain's profile: every screen reads again.
    onSuccess: () => queries.invalidateQueries(),
    // The secrets leave the form as soon as they were sent, whatever the answer.
    onSettled: () => {
      setClientSecret("");
      setApiKey("");
      setWebhookSecret("");
    },
  });
  return (
    <form
      className="card"
      id="powens-setup"
      onSubmit={(event) => {
        event.preventDefault();
        connect.mutate();
      }}
    >
      <h2>{t("Connect your Powens domain")}</h2>
      <p className="muted">{t("The client id and secret come from your Powens console. They are checked with Powens, then kept in the OS keyring only.")}</p>
      {connect.isError && <ErrorBanner error={asIpcError(connect.error)} action={t("Check the values in your Powens console, then try again.")} />}
      {connect.data && (
        <p className="notice" role="status" id="powens-connected">
          {t("Connected: {count} bank connections found.", { count: connect.data.bankConnections })}{" "}
          {connect.data.restartNeeded ? t("Restart the app to leave the demo household for your banks.") : ""}
        </p>
      )}
      <div className="filters wrap">
        <select aria-label={t("Environment")} value={environment} onChange={(e) => setEnvironment(e.target.value as "production" | "sandbox")}>
          <option value="production">{t("production")}</option>
          <option value="sandbox">{t("sandbox")}</option>
        </select>
        <input aria-label={t("API base URL")} placeholder={t("https://YOUR-DOMAIN.biapi.pro/2.0")} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required />
        <input aria-label={t("Client id")} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" required />
        <input aria-label={t("Client secret")} type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" required />
        <input aria-label={t("Region (optional)")} placeholder="eu" value={region} onChange={(e) => setRegion(e.target.value)} />
        <input aria-label={t("API key (optional)")} type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" />
        <input aria-label={t("Webhook secret (optional)")} type="password" value={webhookSecret} onChange={(e) => setWebhookSecret(e.target.value)} autoComplete="off" />
        <button className="primary" type="submit" disabled={connect.isPending}>{connect.isPending ? t("Checking with Powens…") : t("Connect")}</button>
      </div>
    </form>
  );
}
