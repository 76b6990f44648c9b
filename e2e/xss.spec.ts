import { randomInt } from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { addUserAsAdmin, adminState, uniqueEmail } from "./support/accounts";
import { bubble, conversation, customerNumber, setUpSmsIntegration, startConversation, type SmsIntegration } from "./support/inbox";

test.use({ storageState: adminState });

const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = `<script>window.__xss=1</script>`;
// File names lose their quotes on the way (they end up in Content-Disposition); this one needs none.
const IMG_FILE_NAME = `<img src=x onerror=window.__xss=1>.png`;
const DROP_MESSAGES = `'; drop table messages; --`;
const DROP_CUSTOMERS = `Robert'); DROP TABLE customers;--`;

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082", "hex");

/** Fails the test on any dialog a script might open, and lets every page report whether a payload ran. */
function watchForScripts(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectNoScriptRan(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `a payload ran on ${page.url()}`).toBeUndefined();
  expect(dialogs).toEqual([]);
  // No element the payloads describe made it into the document as markup.
  expect(await page.locator('img[src="x"], img[onerror]').count(), page.url()).toBe(0);
  // (Next's own inline scripts carry the page's data, payloads included, as JSON strings: only a script that is the payload counts.)
  expect(await page.locator("script:not([src])").evaluateAll((scripts) => scripts.filter((s) => s.textContent?.trim() === "window.__xss=1").length)).toBe(0);
}

let desk: SmsIntegration;
const tag = () => String(randomInt(1e6));

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Desk ${IMG} ${tag()}`);
});

test("markup in a message, a customer name, a file name and an integration name shows as text in the inbox, the ticket and the phone simulator", async ({ page }) => {
  const dialogs = watchForScripts(page);
  const customer = customerNumber();
  const body = `Hi ${SCRIPT} and ${IMG} ${tag()}`;
  await startConversation(page, { phone: customer.e164, integration: desk, body });
  await expect(bubble(page, body)).toBeVisible();
  await expectNoScriptRan(page, dialogs);

  // The customer's name, edited in the customer panel.
  const name = `${IMG} ${tag()}`;
  const panel = page.getByRole("complementary", { name: "Customer" });
  await panel.getByRole("button", { name: "Add name" }).click();
  await panel.getByLabel("Customer name").fill(name);
  await panel.getByRole("button", { name: "Save name" }).click();
  await expect(panel.getByText(name, { exact: true })).toBeVisible();
  await expect(conversation(page).getByRole("heading", { name })).toBeVisible();

  // A picture whose file name is markup.
  const fileName = IMG_FILE_NAME;
  await page.getByLabel("Pictures to attach").setInputFiles({ name: fileName, mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("list", { name: "Pictures to send" })).toContainText(fileName);
  const caption = `Label ${SCRIPT} ${tag()}`;
  await page.getByLabel("Message", { exact: true }).fill(caption);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(bubble(page, caption).getByRole("img", { name: `Picture ${fileName}` })).toBeVisible();
  await expect(bubble(page, caption).getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
  await expectNoScriptRan(page, dialogs);

  // Reloaded from the server, then the list.
  await page.reload();
  await expect(bubble(page, body)).toBeVisible();
  await expect(bubble(page, caption)).toBeVisible();
  await expectNoScriptRan(page, dialogs);
  await page.goto("/tickets?view=all");
  const row = page.getByRole("list", { name: "Tickets" }).getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText(caption);
  await expect(row).toContainText(desk.name);
  await expectNoScriptRan(page, dialogs);

  // The phone simulator shows the same texts on the customer's handset.
  await page.goto("/sandbox/phone");
  await page.getByLabel("Customer phone number").fill(customer.e164);
  await page.getByLabel("Business number to text").selectOption(desk.display.replace(/ /g, ""));
  const handset = page.getByRole("list", { name: /^Messages between/ });
  await expect(handset.getByRole("listitem").filter({ hasText: body })).toBeVisible();
  await expect(handset.getByRole("listitem").filter({ hasText: caption })).toBeVisible();
  await expectNoScriptRan(page, dialogs);

  // The customer answers from the simulator with markup and SQL-looking text, and a file named with markup.
  const answer = `${DROP_MESSAGES} ${IMG} ${tag()}`;
  await page.getByLabel("Attach files").setInputFiles({ name: IMG_FILE_NAME, mimeType: "image/png", buffer: PNG });
  await page.getByRole("textbox", { name: "Message" }).fill(answer);
  await page.getByRole("button", { name: "Send with 1 file" }).click();
  const sent = handset.getByRole("listitem").filter({ hasText: answer });
  await expect(sent).toBeVisible();
  await expect(sent.getByRole("img", { name: IMG_FILE_NAME })).toBeVisible();
  await expectNoScriptRan(page, dialogs);

  // It arrives in the inbox verbatim, and searching for the SQL-looking words finds it.
  await page.goto("/tickets?view=all");
  await page.getByLabel("Search tickets").fill(answer.split(" ").slice(0, 5).join(" "));
  const found = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(answer);
  await found.getByRole("link").click();
  await expect(bubble(page, answer)).toBeVisible();
  await expectNoScriptRan(page, dialogs);
});

test("a customer name that looks like SQL is stored and found as typed", async ({ page }) => {
  const dialogs = watchForScripts(page);
  const customer = customerNumber();
  await startConversation(page, { phone: customer.e164, integration: desk, body: `${DROP_MESSAGES} ${tag()}` });
  const name = `${DROP_CUSTOMERS} ${tag()}`;
  const panel = page.getByRole("complementary", { name: "Customer" });
  await panel.getByRole("button", { name: "Add name" }).click();
  await panel.getByLabel("Customer name").fill(name);
  await panel.getByRole("button", { name: "Save name" }).click();
  await expect(panel.getByText(name, { exact: true })).toBeVisible();

  await page.goto("/tickets?view=all");
  await page.getByLabel("Search tickets").fill(DROP_CUSTOMERS);
  const found = page.getByRole("list", { name: "Tickets" }).getByRole("listitem").filter({ hasText: name });
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(DROP_MESSAGES);
  await expectNoScriptRan(page, dialogs);
});

test("rule, user and integration names with markup or SQL in them show as text on the settings pages", async ({ page }) => {
  const dialogs = watchForScripts(page);

  const ruleName = `${IMG} ${DROP_CUSTOMERS} ${tag()}`.slice(0, 80);
  await page.goto("/settings/rules/new");
  await page.getByLabel("Rule name", { exact: true }).fill(ruleName);
  await page.getByLabel("Action 1", { exact: true }).selectOption({ label: "Add a tag" });
  await page.getByLabel("Tag for action 1", { exact: true }).fill(`${SCRIPT}`.slice(0, 30));
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/settings\/rules$/);
  const rule = page.getByRole("listitem", { name: ruleName });
  await expect(rule).toContainText(ruleName);
  await expectNoScriptRan(page, dialogs);
  await rule.getByRole("link", { name: /Edit/ }).first().click();
  await expect(page.getByLabel("Rule name", { exact: true })).toHaveValue(ruleName);
  await expectNoScriptRan(page, dialogs);

  const userName = `${SCRIPT} ${DROP_CUSTOMERS}`;
  await addUserAsAdmin(page, { name: userName, email: uniqueEmail("markup"), password: "markup password 1" });
  await expect(page.getByRole("cell", { name: userName, exact: true })).toBeVisible();
  await expectNoScriptRan(page, dialogs);

  await page.goto("/settings/integrations/sms");
  await expect(page.getByText(desk.name, { exact: true })).toBeVisible();
  await expectNoScriptRan(page, dialogs);
  for (const path of ["/settings", "/settings/audit", "/settings/phone-numbers", "/settings/integrations/sms/countries"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoScriptRan(page, dialogs);
  }
});
