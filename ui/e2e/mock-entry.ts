// Entry of the browser-check build: the real app, with Tauri's IPC answered by the same fake core the Vitest
// tests use (installed before the app starts).
import { mockIPC } from "@tauri-apps/api/mocks";
import { fakeCore } from "../src/test/fake-core";

const core = fakeCore("demo");
mockIPC((cmd, args) => core.handle(cmd, (args ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
(window as unknown as { __calls: string[] }).__calls = core.calls;
await import("../src/main");
