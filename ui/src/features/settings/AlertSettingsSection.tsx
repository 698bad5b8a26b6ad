// Settings → Alerts: which alerts the core raises, with their windows and thresholds, and whether a new one also
// shows as a desktop notification (worded without any account, amount or bank). The form starts from the core's
// settings (alert-draft.ts turns them into switches and typed values, and back); Save sends them whole, the core
// validates them and its refusal is shown in its own words with the form kept as typed. Once saved, the alert centre
// of the Connections screen reads its alerts again.
import { useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asIpcError, getAlertSettings, getBaseCurrency, setAlertSettings } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { AlertSettings } from "../../bindings/AlertSettings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useT } from "../../preferences/hooks";
import { draftOf, settingsOf, switched, type AlertDraft, type DraftProblem, type Windowed } from "./alert-draft";

export function AlertSettingsSection() {
  const t = useT();
  const settings = useQuery({ queryKey: queryKeys.alertSettings, queryFn: getAlertSettings });
  const base = useQuery({ queryKey: queryKeys.baseCurrency, queryFn: getBaseCurrency });
  const error = settings.error ?? base.error;
  return (
    <article className="card" id="alert-settings" aria-labelledby="alert-settings-title">
      <h2 id="alert-settings-title">{t("Alerts")}</h2>
      <p className="muted">
        {t("The alert centre on the Connections screen warns you of what needs you: choose which alerts it raises, and how early.")}
      </p>
      {error && <ErrorBanner error={asIpcError(error)} action={t("Try again in a moment.")} />}
      {settings.data && base.data && <AlertSettingsForm saved={settings.data} currency={base.data} />}
    </article>
  );
}

function AlertSettingsForm({ saved, currency }: { saved: AlertSettings; currency: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const save = useMutation({
    mutationFn: setAlertSettings,
    onSuccess: (kept) => {
      queryClient.setQueryData(queryKeys.alertSettings, kept);
      // The core's own writing of what it kept (an amount normalised, say).
      setDraft(draftOf(kept));
      queryClient.invalidateQueries({ queryKey: queryKeys.alerts });
    },
  });
  const edit = (next: AlertDraft) => {
    setDraft(next);
    setProblem(null);
    if (!save.isPending) save.reset();
  };
  const flag = (field: "notify" | "connectionNeedsUser" | "balanceMismatch") => (on: boolean) => edit({ ...draft, [field]: on });
  const toggle = (which: Windowed) => (on: boolean) => edit(switched(draft, which, on));
  const type = (field: DraftProblem["field"]) => (text: string) => edit({ ...draft, [field]: text });
  const invalid = (field: DraftProblem["field"]) => problem?.field === field || undefined;

  return (
    <form
      id="alert-settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const result = settingsOf(draft);
        if ("problem" in result) {
          setProblem(result.problem);
          return;
        }
        setProblem(null);
        save.mutate(result.settings);
      }}
    >
      <div className="alert-options">
        <Option id="notify" label={t("Desktop notifications")} on={draft.notify} onSwitch={flag("notify")}
          help={t("A new alert also shows as a desktop notification. It never names an account, an amount or a bank: the desktop may show it on the lock screen and keeps it in its history.")} />
        <Option id="consent-ending" label={t("Consent ending")} on={draft.consentEnding} onSwitch={toggle("consentEnding")}
          help={t("Warn before a bank consent ends, 1 to 30 days ahead: renewing it keeps the data coming.")}>
          <input type="number" min={1} max={30} step={1} inputMode="numeric" aria-label={t("Days before a consent ends")} value={draft.consentDays}
            disabled={!draft.consentEnding} aria-invalid={invalid("consentDays")} onChange={(e) => type("consentDays")(e.target.value)} />
          {t("days before it ends")}
        </Option>
        <Option id="connection-needs-user" label={t("A connection needs you")} on={draft.connectionNeedsUser} onSwitch={flag("connectionNeedsUser")}
          help={t("Warn when a bank login waits for you (to sign in again, or approve the access), or when the bank is in trouble.")} />
        <Option id="stale" label={t("Stale data")} on={draft.stale} onSwitch={toggle("stale")}
          help={t("Warn when a bank has not synced for 1 to 30 days.")}>
          <input type="number" min={1} max={30} step={1} inputMode="numeric" aria-label={t("Days without a bank sync")} value={draft.staleDays}
            disabled={!draft.stale} aria-invalid={invalid("staleDays")} onChange={(e) => type("staleDays")(e.target.value)} />
          {t("days without a bank sync")}
        </Option>
        <Option id="balance-mismatch" label={t("A balance that disagrees with its transactions")} on={draft.balanceMismatch} onSwitch={flag("balanceMismatch")}
          help={t("Warn when a balance moved by more, or less, than its transactions add up to: some may be missing.")} />
        <Option id="large-movement" label={t("Large movement")} on={draft.largeMovement} onSwitch={toggle("largeMovement")}
          help={t("Warn of a movement at least this large, in or out, counted in {currency}, the base currency.", { currency })}>
          <input type="text" inputMode="decimal" aria-label={t("Large movement threshold")} value={draft.largeAmount}
            disabled={!draft.largeMovement} aria-invalid={invalid("largeAmount")} onChange={(e) => type("largeAmount")(e.target.value)} />
          <span className="mono" data-currency={currency}>{currency}</span>
        </Option>
        <Option id="low-balance" label={t("Current account below")} on={draft.lowBalance} onSwitch={toggle("lowBalance")}
          help={t("Warn when a current account's balance is below this amount, in {currency}, the base currency. It may be negative, for an overdraft limit.", { currency })}>
          <input type="text" inputMode="decimal" aria-label={t("Low balance threshold")} value={draft.lowAmount}
            disabled={!draft.lowBalance} aria-invalid={invalid("lowAmount")} onChange={(e) => type("lowAmount")(e.target.value)} />
          <span className="mono" data-currency={currency}>{currency}</span>
        </Option>
      </div>
      {problem && <p className="error" role="alert" id="alert-settings-problem">{t(problem.text)}</p>}
      {save.isError && <ErrorBanner error={asIpcError(save.error)} action={t("Nothing was saved. Correct the value, then save again.")} />}
      {save.isSuccess && (
        <p className="notice" role="status" id="alert-settings-saved">{t("The alert settings are saved: the alert centre follows them from now on.")}</p>
      )}
      <button className="primary" type="submit" disabled={save.isPending}>{save.isPending ? t("Saving…") : t("Save the alert settings")}</button>
    </form>
  );
}

/** One alert's line: its switch, its window or threshold when it has one, and what it warns of. */
function Option({ id, label, on, onSwitch, help, children }: { id: string; label: string; on: boolean; onSwitch: (on: boolean) => void; help: string; children?: ReactNode }) {
  const helpId = `alert-setting-${id}-help`;
  return (
    <div className="alert-option" data-alert-setting={id}>
      <label>
        <input type="checkbox" checked={on} aria-describedby={helpId} onChange={(e) => onSwitch(e.target.checked)} /> {label}
      </label>
      {children && <span className="alert-value">{children}</span>}
      <span className="muted small" id={helpId}>{help}</span>
    </div>
  );
}
