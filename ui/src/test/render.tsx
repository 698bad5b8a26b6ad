// Rendering the whole app against a fake core, as the feature tests do: the real providers (preferences, then
// TanStack Query) around <App />, with Tauri's IPC answered by the fake. setup.ts leaves a clean slate after each.
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../app";
import { PreferencesProvider } from "../preferences/PreferencesProvider";
import type { fakeCore } from "./fake-core";

export function renderWith(core: ReturnType<typeof fakeCore>) {
  mockIPC((cmd, args) => core.handle(cmd, (args ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <PreferencesProvider>
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>
    </PreferencesProvider>,
  );
}

