// The application frame: title bar with the demo marker, the view selector and the Refresh button, a sidebar, and
// the screens, behind the app lock's gate (which mounts the frame only while unlocked). Screens wait for the owners
// once, so that a remembered view whose owner is gone falls back to the household before any screen asks for it.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { appStatus, asIpcError, reportStartup } from "./api/commands";
import { useAccounts, useOwners } from "./api/queries";
import { HOUSEHOLD } from "./api/scope";
import { queryKeys } from "./api/query-keys";
import { ErrorBanner } from "./components/ErrorBanner";
import { CommandPalette, type PaletteCommand } from "./components/CommandPalette";
import { msg } from "./i18n/translate";
import { usePreferences } from "./preferences/hooks";
import type { ThemeChoice } from "./preferences/storage";
import { AccountsScreen } from "./features/accounts/AccountsScreen";
import { ActivityScreen } from "./features/activity/ActivityScreen";
import { ConnectionsScreen } from "./features/connections/ConnectionsScreen";
import { Dashboard } from "./features/dashboard/Dashboard";
import { OverviewScreen } from "./features/overview/OverviewScreen";
import { OwnershipScreen } from "./features/ownership/OwnershipScreen";
import { RefreshButton, useRefresh } from "./features/sync/RefreshButton";
import { LockGate } from "./features/lock/LockGate";
import { useAppLock } from "./features/lock/context";
import { SettingsScreen } from "./features/settings/SettingsScreen";
import { RestoreForm } from "./features/settings/BackupSettings";
import { TransactionsScreen } from "./features/transactions/TransactionsScreen";
import { ViewSelector } from "./features/view/ViewSelector";
import { WealthScreen } from "./features/wealth/WealthScreen";

const screens = [
  { id: "dashboard", label: msg("Dashboard") },
  { id: "wealth", label: msg("Wealth") },
  { id: "accounts", label: msg("Accounts") },
  { id: "connections", label: msg("Connections") },
  { id: "transactions", label: msg("Transactions") },
  { id: "overview", label: msg("Financial overview") },
  { id: "activity", label: msg("Activity") },
  { id: "ownership", label: msg("Ownership") },
  { id: "settings", label: msg("Settings") },
] as const;
type ScreenId = (typeof screens)[number]["id"];
const LAST_SCREEN = "pfo.lastScreen";
/** Start-up errors a backup fixes: the store's key is gone from the keyring, or does not open it. */
const KEY_LOST = ["store.key_missing", "store.key_wrong"];

function initialScreen(): ScreenId {
  const saved = localStorage.getItem(LAST_SCREEN);
  return screens.some((s) => s.id === saved) ? (saved as ScreenId) : "accounts";
}

export function App() {
  return (
    <LockGate>
      <Frame />
    </LockGate>
  );
}

function Frame() {
  const status = useQuery({ queryKey: queryKeys.status, queryFn: appStatus });
  // The household's accounts, whatever the view: an owner holding nothing is no empty household to fill.
  const accounts = useAccounts(false, HOUSEHOLD, status.isSuccess);
  const owners = useOwners(status.isSuccess);
  const refresher = useRefresh();
  const { t, themeChoice, setTheme, amountsHidden, toggleAmountsHidden, setLanguage, view, setView, viewProfile, adoptProfile } = usePreferences();
  const [screen, setScreen] = useState<ScreenId>(initialScreen);
  // The account another screen opened (an alert about it): the Accounts screen opens on its page, once.
  const [accountToOpen, setAccountToOpen] = useState<string | null>(null);
  const openAccount = (accountId: string) => {
    setAccountToOpen(accountId);
    setScreen("accounts");
  };
  const [palette, setPalette] = useState(false);
  const { status: lock, lockNow } = useAppLock();

  useEffect(() => localStorage.setItem(LAST_SCREEN, screen), [screen]);
  // Leaving the Accounts screen forgets the account opened from elsewhere: coming back shows the list.
  useEffect(() => {
    if (screen !== "accounts") setAccountToOpen(null);
  }, [screen]);

  // The view remembered for the profile open now (it changes when Settings connects Powens, or a restore swaps it).
  const openProfile = status.data?.profile;
  useEffect(() => {
    if (openProfile !== undefined) adoptProfile(openProfile);
  }, [openProfile, adoptProfile]);
  // A view whose owner is gone (removed, or a backup restored) falls back to the household.
  const viewOwnerKnown = view === null || owners.isError || (owners.data?.some((o) => o.id === view) ?? false);
  useEffect(() => {
    if (owners.isSuccess && !viewOwnerKnown) setView(null);
  }, [owners.isSuccess, viewOwnerKnown, setView]);
  const screensReady = status.isSuccess && viewProfile === openProfile && (owners.isSuccess || owners.isError) && viewOwnerKnown;

  // Cold-start marks, after the frame that shows them is painted: the shell, then the first data.
  const shellShown = status.isSuccess;
  const dataShown = (accounts.data?.accounts.length ?? 0) > 0;
  useEffect(() => {
    if (shellShown) requestAnimationFrame(() => void reportStartup("shell").catch(() => undefined));
  }, [shellShown]);
  useEffect(() => {
    if (dataShown) requestAnimationFrame(() => void reportStartup("data").catch(() => undefined));
  }, [dataShown]);

  // A newcomer in demo mode sees a populated app: the first start refreshes the demo household once.
  const autoRefreshed = useRef(false);
  useEffect(() => {
    if (status.data?.mode === "demo" && accounts.data?.accounts.length === 0 && !autoRefreshed.current) {
      autoRefreshed.current = true;
      refresher.mutate();
    }
  }, [status.data, accounts.data, refresher]);

  // Keyboard: Ctrl+R refreshes, Ctrl+1..9 switch screens in the sidebar's order, Ctrl+K opens the palette, Ctrl+Shift+H
  // hides amounts, Ctrl+L locks (when a lock is set).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      if (event.key.toLowerCase() === "l" && !event.shiftKey && lock.enabled) {
        event.preventDefault();
        lockNow();
        return;
      }
      if (event.key.toLowerCase() === "k") {
        event.preventDefault();
        setPalette((open) => !open);
        return;
      }
      if (event.shiftKey && event.key.toLowerCase() === "h") {
        event.preventDefault();
        toggleAmountsHidden();
        return;
      }
      if (event.key === "r") {
        event.preventDefault();
        if (!refresher.isPending) refresher.mutate();
      }
      const index = Number(event.key) - 1;
      if (index >= 0 && index < screens.length) {
        event.preventDefault();
        setScreen(screens[index].id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [refresher, toggleAmountsHidden, lock.enabled, lockNow]);

  const commands: PaletteCommand[] = [
    ...screens.map((s, index) => ({ id: `go-${s.id}`, label: t("Go to {screen}", { screen: t(s.label) }), hint: t("Ctrl+{key}", { key: index + 1 }), run: () => setScreen(s.id) })),
    { id: "refresh", label: t("Refresh everything"), hint: t("Ctrl+{key}", { key: "R" }), run: () => { if (!refresher.isPending) refresher.mutate(); } },
    { id: "privacy", label: amountsHidden ? t("Show amounts") : t("Hide amounts (privacy)"), hint: t("Ctrl+Shift+{key}", { key: "H" }), run: toggleAmountsHidden },
    ...(lock.enabled ? [{ id: "lock", label: t("Lock now"), hint: t("Ctrl+{key}", { key: "L" }), run: lockNow }] : []),
    { id: "theme-system", label: t("Theme: follow the system"), run: () => setTheme("system") },
    { id: "theme-light", label: t("Theme: light"), run: () => setTheme("light") },
    { id: "theme-dark", label: t("Theme: dark"), run: () => setTheme("dark") },
    { id: "language-en", label: t("Language: English"), run: () => setLanguage("en") },
    { id: "language-fr", label: t("Language: French"), run: () => setLanguage("fr") },
    { id: "view-household", label: t("Show the household's view"), run: () => setView(null) },
    ...(owners.data ?? []).map((owner) => ({ id: `view-${owner.id}`, label: t("Show the view of {owner}", { owner: owner.name }), run: () => setView(owner.id) })),
    { id: "overview", label: t("Generate the financial overview"), run: () => setScreen("overview") },
    { id: "export-csv", label: t("Export transactions as CSV"), run: () => setScreen("transactions") },
    { id: "add-bank", label: t("Add a bank"), run: () => setScreen("accounts") },
  ];

  return (
    <div className="app">
      {palette && <CommandPalette commands={commands} onClose={() => setPalette(false)} />}
      <header className="topbar">
        <div className="topbar-row">
          <span className="brand">{t("Pocket Family Office")}</span>
          {status.data?.mode === "demo" && (
            <span className="demo-badge" id="demo-badge" title={t("Configure Powens to see your own banks")}>
              {t("Demo household — sample data, not your banks")}
            </span>
          )}
          <span className="spacer" />
          {status.isSuccess && <RefreshButton refresher={refresher} />}
        </div>
        <div className="topbar-row tools">
          {owners.data && <ViewSelector owners={owners.data} />}
          <span className="spacer" />
          <button className="ghost" id="palette-button" onClick={() => setPalette(true)} title={t("Command palette (Ctrl+K)")}>{t("⌘ Commands")}</button>
          <button className="ghost" id="privacy-toggle" aria-pressed={amountsHidden} onClick={toggleAmountsHidden} title={t("Hide amounts (Ctrl+Shift+H)")}>
            {amountsHidden ? t("Show amounts") : t("Hide amounts")}
          </button>
          {lock.enabled && (
            <button className="ghost" id="lock-now" onClick={lockNow} title={t("Lock the window (Ctrl+L)")}>
              {t("Lock")}
            </button>
          )}
          <select className="ghost" aria-label={t("Theme")} value={themeChoice} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
            <option value="system">{t("System theme")}</option>
            <option value="light">{t("Light")}</option>
            <option value="dark">{t("Dark")}</option>
          </select>
        </div>
      </header>
      <div className="body">
        <nav className="sidebar" aria-label={t("Screens")}>
          {screens.map((s, index) => (
            <button
              key={s.id}
              data-screen={s.id}
              className={screen === s.id ? "active" : ""}
              aria-current={screen === s.id ? "page" : undefined}
              onClick={() => setScreen(s.id)}
              title={t("Ctrl+{key}", { key: index + 1 })}
            >
              {t(s.label)}
            </button>
          ))}
        </nav>
        <main>
          {status.isError && <ErrorBanner error={asIpcError(status.error)} action={t("Fix the problem above, then restart the app.")} />}
          {status.isError && KEY_LOST.includes(asIpcError(status.error).code) && (
            <article className="card" id="restore-after-key-loss">
              <h2>{t("Restore from a backup")}</h2>
              <p className="muted">{t("If the keyring lost the database key, a backup brings your history back under a new key.")}</p>
              <RestoreForm />
            </article>
          )}
          {screensReady && screen === "dashboard" && <Dashboard onOpenConnections={() => setScreen("connections")} />}
          {screensReady && screen === "wealth" && <WealthScreen onOpenSettings={() => setScreen("settings")} />}
          {screensReady && screen === "accounts" && <AccountsScreen refreshing={refresher.isPending} onOpenConnections={() => setScreen("connections")} initialAccount={accountToOpen} />}
          {screensReady && screen === "connections" && <ConnectionsScreen refreshing={refresher.isPending} onOpenAccount={openAccount} />}
          {screensReady && screen === "ownership" && <OwnershipScreen />}
          {screensReady && screen === "transactions" && <TransactionsScreen />}
          {screensReady && screen === "overview" && <OverviewScreen />}
          {screensReady && screen === "activity" && <ActivityScreen />}
          {screensReady && screen === "settings" && <SettingsScreen />}
        </main>
      </div>
    </div>
  );
}
