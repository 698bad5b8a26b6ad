// Settings: the open-banking integration as the core describes it. Secrets are never shown: only whether the OS
// keyring holds each one.
import { useQuery } from "@tanstack/react-query";
import { asIpcError, integrationSettings } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import { BackupSettings } from "./BackupSettings";
import { ConsolidationSettings } from "./ConsolidationSettings";
import { PowensSetupForm } from "./PowensSetupForm";
import { WebhookReceiverSwitch } from "./WebhookReceiverSwitch";
import { t, type LanguageChoice } from "../../lib/i18n";

export function SettingsScreen({ language, onLanguage }: { language: LanguageChoice; onLanguage: (choice: LanguageChoice) => void }) {
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: integrationSettings });
  const data = settings.data;
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">{t("Settings")}</h1>
      </header>
      <article className="card" id="language-settings">
        <h2>{t("Language")}</h2>
        <select aria-label={t("Language")} value={language} onChange={(e) => onLanguage(e.target.value as LanguageChoice)}>
          <option value="system">{t("Follow the system")}</option>
          <option value="en">{t("English")}</option>
          <option value="fr">{t("French")}</option>
        </select>
      </article>
      {settings.isError && <ErrorBanner error={asIpcError(settings.error)} action="Fix config.toml, then restart the app." />}
      {data && (
        <article className="card" data-integration={data.id}>
          <h2>Powens open banking</h2>
          <p className="muted">
            {data.id} · {data.category} · {data.ownership.join(", ")} · bound to {data.boundConnection ?? "no connection"}
          </p>
          {data.mode === "demo" && (
            <p className="notice" id="demo-way-out">
              You are looking at the demo household. To see your own banks, connect your Powens domain:{" "}
              <code>pfo connect powens --environment production --base-url https://YOUR-DOMAIN.biapi.pro/2.0</code>
              {" "}(the client id and secret go straight into the OS keyring).
            </p>
          )}
          <h3>Configuration</h3>
          <table className="grid settings">
            <tbody>
              {data.configFields.map((field) => (
                <tr key={field.name} data-field={field.name}>
                  <th scope="row">{field.name}{field.required ? " *" : ""}</th>
                  <td>{field.value ?? <span className="muted">not set</span>}</td>
                  <td className="muted">{field.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Secrets (OS keyring)</h3>
          <table className="grid settings">
            <tbody>
              {data.secretFields.map((field) => (
                <tr key={field.name} data-secret={field.name}>
                  <th scope="row">{field.name}{field.required ? " *" : ""}</th>
                  <td>{field.stored ? "stored" : <span className="muted">not stored</span>}</td>
                  <td className="muted">{field.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small" id="capabilities">
            Capabilities:{" "}
            {data.capabilities.map((c) => `${c} (${data.enabledCapabilities.includes(c) ? "enabled" : "disabled in tenant.toml"})`).join(", ")}
          </p>
        </article>
      )}
      <PowensSetupForm />
      <WebhookReceiverSwitch />
      <ConsolidationSettings />
      <BackupSettings />
    </section>
  );
}
