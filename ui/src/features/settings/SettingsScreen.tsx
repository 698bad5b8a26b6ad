// Settings: the UI's language, the open-banking integration as the core describes it, consolidation, the alerts the
// core raises, backups and the app lock. Secrets are never shown: only whether the OS keyring holds each one.
import { useQuery } from "@tanstack/react-query";
import { asIpcError, integrationSettings } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import type { LanguageChoice } from "../../i18n/translate";
import { usePreferences } from "../../preferences/hooks";
import { AlertSettingsSection } from "./AlertSettingsSection";
import { AppLockSettings } from "./AppLockSettings";
import { BackupSettings } from "./BackupSettings";
import { ConsolidationSettings } from "./ConsolidationSettings";
import { PowensSetupForm } from "./PowensSetupForm";
import { WebhookReceiverSwitch } from "./WebhookReceiverSwitch";

export function SettingsScreen() {
  const { t, languageChoice, setLanguage } = usePreferences();
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: integrationSettings });
  const data = settings.data;
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">{t("Settings")}</h1>
      </header>
      <article className="card" id="language-settings">
        <h2>{t("Language")}</h2>
        <select aria-label={t("Language")} value={languageChoice} onChange={(e) => setLanguage(e.target.value as LanguageChoice)}>
          <option value="system">{t("Follow the system")}</option>
          <option value="en">{t("English")}</option>
          <option value="fr">{t("French")}</option>
        </select>
      </article>
      {settings.isError && <ErrorBanner error={asIpcError(settings.error)} action={t("Fix config.toml, then restart the app.")} />}
      {data && (
        <article className="card" data-integration={data.id}>
          <h2>{t("Powens open banking")}</h2>
          <p className="muted">
            {t("{id} · {category} · {ownership} · bound to {connection}", {
              id: data.id,
              category: data.category,
              ownership: data.ownership.join(", "),
              connection: data.boundConnection ?? t("no connection"),
            })}
          </p>
          {data.mode === "demo" && (
            <p className="notice" id="demo-way-out">
              {t("You are looking at the demo household. To see your own banks, connect your Powens domain:")}{" "}
              <code>pfo connect powens --environment production --base-url https://YOUR-DOMAIN.biapi.pro/2.0</code>
              {" "}{t("(the client id and secret go straight into the OS keyring).")}
            </p>
          )}
          <h3>{t("Configuration")}</h3>
          <table className="grid settings">
            <tbody>
              {data.configFields.map((field) => (
                <tr key={field.name} data-field={field.name}>
                  <th scope="row">{field.name}{field.required ? " *" : ""}</th>
                  <td>{field.value ?? <span className="muted">{t("not set")}</span>}</td>
                  <td className="muted">{field.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t("Secrets (OS keyring)")}</h3>
          <table className="grid settings">
            <tbody>
              {data.secretFields.map((field) => (
                <tr key={field.name} data-secret={field.name}>
                  <th scope="row">{field.name}{field.required ? " *" : ""}</th>
                  <td>{field.stored ? t("stored") : <span className="muted">{t("not stored")}</span>}</td>
                  <td className="muted">{field.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small" id="capabilities">
            {t("Capabilities: {list}", {
              list: data.capabilities.map((c) => t("{capability} ({state})", { capability: c, state: data.enabledCapabilities.includes(c) ? t("enabled") : t("disabled in tenant.toml") })).join(", "),
            })}
          </p>
        </article>
      )}
      <PowensSetupForm />
      <WebhookReceiverSwitch />
      <ConsolidationSettings />
      <AlertSettingsSection />
      <BackupSettings />
      <AppLockSettings />
    </section>
  );
}
