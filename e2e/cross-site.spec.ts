import { randomInt } from "node:crypto";
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState } from "./support/accounts";
import { customerNumber, setUpSmsIntegration, startConversation, type SmsIntegration } from "./support/inbox";
import { serverActionId } from "./support/server-actions";

test.use({ storageState: adminState });

const EVIL = "https://evil.example";

/** Header sets a request made on another site's behalf could carry; each must be refused. */
function crossSiteHeaders(baseURL: string): Record<string, Record<string, string>> {
  const host = new URL(baseURL).host;
  return {
    "a foreign Origin": { Origin: EVIL },
    "a foreign Origin on the same host name, another port": { Origin: `http://127.0.0.1:${Number(new URL(baseURL).port) + 1}` },
    'an opaque "null" Origin': { Origin: "null" },
    "a foreign X-Forwarded-Host behind the app's own Origin": { Origin: baseURL, "X-Forwarded-Host": "evil.example" },
    "a foreign Host behind the app's own Origin": { Origin: baseURL, "X-Forwarded-Host": host.replace("127.0.0.1", "localhost") },
  };
}

async function createRule(page: Page): Promise<{ id: string; name: string }> {
  const name = `Cross-site target ${randomInt(1e6)}`;
  await page.goto("/settings/rules/new");
  await page.getByLabel("Rule name", { exact: true }).fill(name);
  await page.getByLabel("Action 1", { exact: true }).selectOption({ label: "Add a tag" });
  await page.getByLabel("Tag for action 1", { exact: true }).fill("cross-site");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/settings\/rules$/);
  const href = await page.getByRole("link", { name: `Edit ${name}` }).getAttribute("href");
  return { id: href!.split("/").pop()!, name };
}

function postAction(request: APIRequestContext, name: string, args: unknown[], headers: Record<string, string>) {
  return request.post("/settings/rules", {
    headers: { "Next-Action": serverActionId(name), Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", ...headers },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

test("a server action posted from another site is refused and changes nothing; the same request from the app works", async ({ page, baseURL }) => {
  const rule = await createRule(page);
  const enabled = page.getByRole("switch", { name: `${rule.name} enabled` });
  await expect(enabled).toBeChecked();

  for (const [what, headers] of Object.entries(crossSiteHeaders(baseURL!))) {
    const response = await postAction(page.request, "setRuleEnabledAction", [{ id: rule.id, enabled: false }], headers);
    expect(response.status(), what).toBeGreaterThanOrEqual(400);
    expect(response.status(), `${what}: refused as forbidden, not as a crash`).toBeLessThan(500);
    await page.reload();
    await expect(enabled, what).toBeChecked();
  }

  // The control: the very same call with the app's own Origin does what it says.
  const response = await postAction(page.request, "setRuleEnabledAction", [{ id: rule.id, enabled: false }], { Origin: baseURL! });
  expect(response.status()).toBe(200);
  await page.reload();
  await expect(enabled).not.toBeChecked();
});

test.describe("a plain HTML form on another site, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("posting to a server action is refused with 403 and changes nothing", async ({ browser, page, baseURL }) => {
    // The admin's own page has JavaScript, to make the rule and read it back.
    const admin = await browser.newPage({ storageState: adminState, javaScriptEnabled: true });
    const rule = await createRule(admin);
    const enabled = admin.getByRole("switch", { name: `${rule.name} enabled` });
    const form = `<form method="post" action="${baseURL}/settings/rules" enctype="multipart/form-data">
      <input type="hidden" name="$ACTION_ID_${serverActionId("setRuleEnabledAction")}" value="">
      <input type="hidden" name="id" value="${rule.id}"><input type="hidden" name="enabled" value="false">
      <button>Claim your prize</button></form>`;
    await page.route((url) => url.hostname === "evil.example", (route) => route.fulfill({ status: 200, contentType: "text/html", body: form }));
    await page.goto("http://evil.example/prize");
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url() === `${baseURL}/settings/rules` && response.request().method() === "POST"),
      page.getByRole("button", { name: "Claim your prize" }).click(),
    ]);
    expect(answer.status()).toBe(403);
    await expect(page.getByText("This request came from another site and was refused.")).toBeVisible();

    // The same form with the admin's session cookie (a browser that sends it cross-site).
    const withSession = await admin.request.post("/settings/rules", {
      headers: { Origin: EVIL },
      multipart: { [`$ACTION_ID_${serverActionId("setRuleEnabledAction")}`]: "", id: rule.id, enabled: "false" },
      maxRedirects: 0,
    });
    expect(withSession.status()).toBe(403);
    await admin.reload();
    await expect(enabled).toBeChecked();
    // Turned off from the app itself, so the rule acts on no later test's messages.
    expect((await postAction(admin.request, "setRuleEnabledAction", [{ id: rule.id, enabled: false }], { Origin: baseURL! })).status()).toBe(200);
    await admin.reload();
    await expect(enabled).not.toBeChecked();
    await admin.close();
  });
});

test("the first-run action on the sign-in side is refused from another site too", async ({ request }) => {
  const response = await request.post("/setup", {
    headers: { "Next-Action": serverActionId("createFirstAdminAction"), Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: EVIL },
    data: JSON.stringify([null, {}]),
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("another site");
});

test.describe("the inbox's JSON API", () => {
  let desk: SmsIntegration;
  test.beforeAll(async ({ browser }) => {
    desk = await setUpSmsIntegration(browser, `Cross-site desk ${randomInt(1e6)}`);
  });

  test("refuses changes posted from another site, and takes them from the app", async ({ page, baseURL }) => {
    const customer = customerNumber();
    const ticketId = await startConversation(page, { phone: customer.e164, integration: desk, body: "Hello from the shop" });
    const view = (await (await page.request.get(`/api/tickets/${ticketId}`)).json()) as { customer: { id: string }; integration: { id: string } };
    const customerId = view.customer.id;
    const threadText = async () => (await page.request.get(`/api/tickets/${ticketId}/thread`)).text();
    const ticketJson = async () => (await page.request.get(`/api/tickets/${ticketId}`)).text();

    type Write = { path: string; method: string; multipart?: Record<string, string>; json?: unknown };
    const writes = (marker: string): Write[] => [
      { path: `/api/tickets/${ticketId}/messages`, method: "POST", multipart: { body: `Reply ${marker}` } },
      { path: `/api/tickets/${ticketId}/notes`, method: "POST", json: { body: `Note ${marker}` } },
      { path: `/api/customers/${customerId}`, method: "PATCH", json: { name: `Name ${marker}`, ticketId } },
      { path: `/api/tickets/${ticketId}`, method: "PATCH", json: { action: "close" } },
      { path: "/api/tickets", method: "POST", multipart: { phone: customerNumber().e164, integrationId: view.integration.id, body: `Start ${marker}` } },
      { path: "/sandbox/phone/messages", method: "POST", multipart: { from: customer.e164, to: desk.display.replace(/ /g, ""), body: `Handset ${marker}` } },
    ];

    for (const [what, headers] of Object.entries(crossSiteHeaders(baseURL!))) {
      const marker = `cross-site-${randomInt(1e9)}`;
      for (const write of writes(marker)) {
        const response = await page.request.fetch(write.path, { method: write.method, headers, multipart: write.multipart, data: write.json, maxRedirects: 0 });
        expect(response.status(), `${write.method} ${write.path} with ${what}`).toBe(403);
        expect(await response.text(), `${write.method} ${write.path} with ${what}`).toMatch(/another site|did not come from the inbox/);
      }
      expect(await threadText(), what).not.toContain(marker);
      expect(await ticketJson(), what).not.toContain(marker);
      expect(((await (await page.request.get(`/api/tickets/${ticketId}`)).json()) as { ticket: { status: string } }).ticket.status, what).toBe("open");
      const search = await page.request.get(`/api/tickets?view=all&q=${marker}`);
      expect(await search.text(), what).not.toContain(marker);
    }

    // The control: the app's own Origin passes the same check.
    const marker = `same-site-${randomInt(1e9)}`;
    const note = await page.request.post(`/api/tickets/${ticketId}/notes`, { headers: { Origin: baseURL! }, data: { body: `Note ${marker}` } });
    expect(note.status()).toBe(201);
    const rename = await page.request.patch(`/api/customers/${customerId}`, { headers: { Origin: baseURL! }, data: { name: `Name ${marker}`, ticketId } });
    expect(rename.status()).toBe(200);
    expect(await threadText()).toContain(`Note ${marker}`);
    expect(await ticketJson()).toContain(`Name ${marker}`);
  });
});
