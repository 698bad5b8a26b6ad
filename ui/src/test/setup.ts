// After every test: unmount, drop the IPC mocks, and forget what the app kept (localStorage, the document's marks),
// so each test starts as a first run.
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
  document.documentElement.removeAttribute("data-privacy");
  document.documentElement.removeAttribute("lang");
});
