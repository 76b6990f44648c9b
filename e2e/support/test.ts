import { test as base, type BrowserContext, type Page, type Response } from "@playwright/test";

export { expect } from "@playwright/test";

const patched = new WeakSet<Page>();
/** Contexts with JavaScript off: nothing hydrates there. */
const noScript = new WeakSet<BrowserContext>();

/** After an HTML page loads, waits until React has hydrated it: a select changed earlier would be reset. */
async function untilLive(page: Page, response: Response | null): Promise<void> {
  if (noScript.has(page.context()) || !response || !(response.headers()["content-type"] ?? "").includes("text/html")) return;
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

function patchPage(page: Page): void {
  if (patched.has(page)) return;
  patched.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await untilLive(page, response);
    return response;
  };
  page.reload = async (options) => {
    const response = await reload(options);
    await untilLive(page, response);
    return response;
  };
}

/** Every page of this context (opened now or later) waits for hydration in goto() and reload(). */
function waitForHydration(context: BrowserContext): BrowserContext {
  context.pages().forEach(patchPage);
  context.on("page", patchPage);
  return context;
}

/**
 * Playwright's test, with pages whose goto() and reload() return once the page is live.
 * So do contexts a test opens with `browser.newContext()`, except with JavaScript off.
 * Every context has reduced motion.
 */
export const test = base.extend({
  // The test's own context comes from browser.newContext() below; only its options say
  // whether JavaScript is off.
  context: async ({ context, javaScriptEnabled }, provide) => {
    if (javaScriptEnabled === false) noScript.add(context);
    await provide(context);
  },
  browser: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        // Every context, the test's own included, as a reader who asked for less motion: nothing
        // fades (axe judges a page at rest), and the browser repaints nothing while a test waits.
        const context = await newContext({ reducedMotion: "reduce", ...options });
        if (options?.javaScriptEnabled === false) noScript.add(context);
        return waitForHydration(context);
      };
      await provide(browser);
    },
    { scope: "worker" },
  ],
});
