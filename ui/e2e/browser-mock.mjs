// Real-browser check of the built UI (ui/dist) in Debian's Chromium, driven by playwright-core, with Tauri's IPC
// replaced by an in-page mock (the same hook @tauri-apps/api/mocks installs). Saves a screenshot under target/.
// Usage: node e2e/browser-mock.mjs [screenshot.png]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { chromium } from "playwright-core";
import assert from "node:assert/strict";

const dist = resolve(import.meta.dirname, "../dist");
const screenshot = resolve(process.argv[2] ?? join(import.meta.dirname, "../../target/ui-browser-accounts.png"));
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

const server = createServer(async (request, response) => {
  const path = new URL(request.url, "http://localhost").pathname;
  try {
    const body = await readFile(join(dist, path === "/" ? "index.html" : path));
    response.writeHead(200, { "content-type": types[extname(path)] ?? "text/html" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: "fr-FR" });
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    const accounts = [
      ["powens:1001", "BNP Paribas", "Compte de dépôt", "checking", "FR49 •••• 6015", "5295.35", "EUR", "active"],
      ["powens:1002", "BNP Paribas", "Livret A", "livret_a", null, "21084.27", "EUR", "active"],
      ["powens:1004", "BNP Paribas", "Prêt immobilier", "loan", null, "-210564.2", "EUR", "active"],
      ["powens:1007", "Boursorama Banque", "PEA", "pea", null, "21404.69", "EUR", "active"],
      ["powens:1009", "Swissquote", "Compte privé CHF", "checking", "CH39 •••• 4880", "28394.2", "CHF", "active"],
      ["powens:1010", "Swissquote", "Compte titres USD", "market", null, "53564.53", "USD", "active"],
    ].map(([id, institution, name, accountType, iban, balance, currency, status]) => ({
      id, provider: "powens", connectionId: "101", institution, name, accountType, usage: "PRIV", iban, bic: null,
      number: "•••• 0659", currency, balance, comingBalance: null, status, providerUpdatedAt: null,
      lastSyncedAt: "2026-11-25T08:00:00Z",
    }));
    let stored = [];
    window.__syncCalls = 0;
    window.__TAURI_INTERNALS__ = {
      transformCallback: (callback) => callback,
      invoke: async (cmd) => {
        if (cmd === "app_status") return { mode: "demo", version: "0.1.0" };
        if (cmd === "list_accounts") return { mode: "demo", accounts: stored, connections: stored.length ? [{ lastSyncedAt: "2026-11-25T08:00:00Z" }] : [] };
        if (cmd === "sync_accounts") {
          window.__syncCalls += 1;
          stored = accounts;
          return { mode: "demo", accounts: { inserted: 6, updated: 0, unchanged: 0, removed: 0 }, connections: 3, syncedAt: "2026-11-25T08:00:00Z" };
        }
        throw { code: "internal", message: `unexpected ${cmd}` };
      },
    };
  });
  await page.goto(base);

  const check = async (name, body) => {
    try {
      await body();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL - ${name}: ${error.message}`);
    }
  };

  await check("demo household is marked and synced on first start", async () => {
    await page.locator("#demo-badge").waitFor();
    await page.locator(".account-row").nth(5).waitFor();
    assert.equal(await page.evaluate(() => window.__syncCalls), 1);
  });
  await check("accounts are grouped by bank with masked numbers", async () => {
    assert.equal(await page.locator("article.institution").count(), 3);
    const text = await page.locator('[data-account-id="powens:1001"]').innerText();
    assert.match(text, /FR49 •••• 6015/);
  });
  await check("balances are formatted for the locale and currency", async () => {
    const chf = await page.locator('[data-account-id="powens:1009"] .amount').innerText();
    assert.match(chf, /28\s394,20\sCHF/);
    const loan = page.locator('[data-account-id="powens:1004"] .amount');
    assert.match(await loan.getAttribute("class"), /negative/);
  });
  await check("Refresh syncs again and reports the result", async () => {
    await page.click("#refresh");
    await page.locator("#sync-result").waitFor();
    assert.equal(await page.evaluate(() => window.__syncCalls), 2);
  });
  await check("no page errors", async () => assert.deepEqual(pageErrors, []));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
