// The application frame: title bar with the demo marker and the Refresh button, a sidebar, and the screens.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { appStatus, asIpcError, listAccounts } from "./api/commands";
import { queryKeys } from "./api/query-keys";
import { ErrorBanner } from "./components/ErrorBanner";
import { AccountsScreen } from "./features/accounts/AccountsScreen";
import { ActivityScreen } from "./features/activity/ActivityScreen";
import { Dashboard } from "./features/dashboard/Dashboard";
import { OverviewScreen } from "./features/overview/OverviewScreen";
import { RefreshButton, useRefresh } from "./features/sync/RefreshButton";
import { SettingsScreen } from "./features/settings/SettingsScreen";
import { TransactionsScreen } from "./features/transactions/TransactionsScreen";

const screens = [
  { id: "dashboard", label: "Dashboard" },
  { id: "accounts", label: "Accounts" },
  { id: "transactions", label: "Transactions" },
  { id: "overview", label: "Financial overview" },
  { id: "activity", label: "Activity" },
  { id: "settings", label: "Settings" },
] as const;
type ScreenId = (typeof screens)[number]["id"];
const LAST_SCREEN = "pfo.lastScreen";

function initialScreen(): ScreenId {
  const saved = localStorage.getItem(LAST_SCREEN);
  return screens.some((s) => s.id === saved) ? (saved as ScreenId) : "accounts";
}

export function App() {
  const status = useQuery({ queryKey: queryKeys.status, queryFn: appStatus });
  const accounts = useQuery({ queryKey: queryKeys.accounts(false), queryFn: () => listAccounts(false), enabled: status.isSuccess });
  const refresher = useRefresh();
  const [screen, setScreen] = useState<ScreenId>(initialScreen);

  useEffect(() => localStorage.setItem(LAST_SCREEN, screen), [screen]);

  // A newcomer in demo mode sees a populated app: the first start refreshes the demo household once.
  const autoRefreshed = useRef(false);
  useEffect(() => {
    if (status.data?.mode === "demo" && accounts.data?.accounts.length === 0 && !autoRefreshed.current) {
      autoRefreshed.current = true;
      refresher.mutate();
    }
  }, [status.data, accounts.data, refresher]);

  // Keyboard: Ctrl+R refreshes, Ctrl+1..6 switch screens.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
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
  }, [refresher]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Pocket Family Office</span>
        {status.data?.mode === "demo" && (
          <span className="demo-badge" id="demo-badge" title="Configure Powens to see your own banks">
            Demo household — sample data, not your banks
          </span>
        )}
        <span className="spacer" />
        {status.isSuccess && <RefreshButton refresher={refresher} />}
      </header>
      <div className="body">
        <nav className="sidebar" aria-label="Screens">
          {screens.map((s, index) => (
            <button key={s.id} data-screen={s.id} className={screen === s.id ? "active" : ""} onClick={() => setScreen(s.id)} title={`Ctrl+${index + 1}`}>
              {s.label}
            </button>
          ))}
        </nav>
        <main>
          {status.isError && <ErrorBanner error={asIpcError(status.error)} action="Fix the problem above, then restart the app." />}
          {status.isSuccess && screen === "dashboard" && <Dashboard />}
          {status.isSuccess && screen === "accounts" && <AccountsScreen refreshing={refresher.isPending} />}
          {status.isSuccess && screen === "transactions" && <TransactionsScreen />}
          {status.isSuccess && screen === "overview" && <OverviewScreen />}
          {status.isSuccess && screen === "activity" && <ActivityScreen />}
          {status.isSuccess && screen === "settings" && <SettingsScreen />}
        </main>
      </div>
    </div>
  );
}
