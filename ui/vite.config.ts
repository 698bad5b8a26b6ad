// Vite builds the UI into ui/dist, which the Tauri shell embeds (tauri.conf.json `frontendDist`).
// Vitest runs the component tests in jsdom against Tauri's mocked IPC.
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
