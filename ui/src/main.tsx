// The window's entry: the theme on the document before the first paint, then the app under its providers (the
// preferences outermost, so even the error boundary speaks the chosen language).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./app";
import { ErrorBoundary } from "./components/ErrorBoundary";
import "./styles.css";
import { applyTheme, resolveTheme } from "./preferences/document";
import { PreferencesProvider } from "./preferences/PreferencesProvider";
import { savedTheme } from "./preferences/storage";
import { systemPrefersDark } from "./preferences/system";

// Before the first paint, so a dark system never flashes the light palette.
applyTheme(resolveTheme(savedTheme(), systemPrefersDark()));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PreferencesProvider>
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </ErrorBoundary>
    </PreferencesProvider>
  </StrictMode>,
);
