// The application frame: title bar with the demo marker, and the accounts screen.
import { useQuery } from "@tanstack/react-query";
import { appStatus, asIpcError } from "./api/commands";
import { queryKeys } from "./api/query-keys";
import { AccountsScreen } from "./features/accounts/AccountsScreen";
import { ErrorBanner } from "./components/ErrorBanner";

export function App() {
  const status = useQuery({ queryKey: queryKeys.status, queryFn: appStatus });
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Pocket Family Office</span>
        {status.data?.mode === "demo" && (
          <span className="demo-badge" id="demo-badge" title="Configure Powens to see your own banks">
            Demo household — sample data, not your banks
          </span>
        )}
      </header>
      <main>
        {status.isError && <ErrorBanner error={asIpcError(status.error)} action="Fix the problem above, then restart the app." />}
        {status.data && <AccountsScreen mode={status.data.mode} />}
      </main>
    </div>
  );
}
