import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's headless shell where it is installed: the same engine without the full browser's
// window machinery, a third less CPU on these tests. Else Debian's chromium, else Playwright's
// own browser. For --headed or --ui, set CHROMIUM_PATH=/usr/bin/chromium.
const debianBrowsers = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];
const chromiumPath = process.env.CHROMIUM_PATH || debianBrowsers.find((file) => fs.existsSync(file));

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Per port: `npm run test:e2e` runs PGlite and PostgreSQL at once, each on its own port,
  // and a run empties its output folder when it starts.
  outputDir: `test-results/e2e-${port}`,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: `playwright-report/${port}` }]],
  use: {
    baseURL,
    // Traces cost the browser and the runner CPU on every action; CI has no one to open them.
    trace: (process.env.E2E_TRACE as "off" | "on" | "retain-on-failure" | undefined) ?? (process.env.CI ? "off" : "retain-on-failure"),
    launchOptions: {
      executablePath: chromiumPath,
      // A test's page lives for seconds: V8's optimizing compilers (Maglev, TurboFan) spend
      // more CPU on it than their code saves, about a quarter of the renderers' CPU.
      args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--js-flags=--no-opt,--no-maglev"],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", dependencies: ["setup"], testIgnore: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command: "node e2e/support/server.mjs",
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
