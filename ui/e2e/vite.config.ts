// Builds the browser-check bundle (the app plus the fake core) into ui/dist-browser-check; never shipped.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";

export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [react()],
  base: "./",
  build: { outDir: resolve(import.meta.dirname, "../dist-browser-check"), emptyOutDir: true, target: "es2022" },
});
