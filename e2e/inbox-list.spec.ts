import { randomInt } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { bubble, conversation, customerNumber, numberPattern, setUpSmsIntegration, type SmsIntegration } from "./support/inbox";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `List desk ${randomInt(1e6)}`);
});

/** Runs `work` as the admin, in a browser of their own. */
async function asAdmin(browser: Browser, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ storageState: adminState });
  await work(await context.newPage());
  await context.close();
}

async function addRule(page: Page, name: string, integration: string, setUp: (page: Page) => Promise<void>) {
  await page.goto("/settings/rules/new");
  await page.getByLabel("Rule name", { exact: true }).fill(name);
  await page.getByLabel("When", { exact: true }).selectOption({ label: "Any customer SMS arrives" });
  // Only on this test's number, so that other tests' customers get no surprise replies.
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Condition 1", { exact: true }).selectOption({ label: "SMS integration is" });
  await page.getByRole("checkbox", { name: integration }).check();
  await setUp(page);
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/settings\/rules$/);
}

async function deleteRule(page: Page, name: string) {
  await page.goto("/settings/rules");
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
  await expect(page.getByRole("listitem", { name })).toHaveCount(0);
}

test("the list says who wrote last and since when the customer waits; rules that did nothing hide behind a switch", async ({ page, context, browser }) => {
  const tag = randomInt(1e6);
  const greeter = `Greeter ${tag}`;
  const never = `Never ${tag}`;
  await asAdmin(browser, async (admin) => {
    await addRule(admin, greeter, desk.name, async (form) => {
      await form.getByLabel("Action 1", { exact: true }).selectOption({ label: "Send an SMS auto-reply" });
      await form.getByLabel("Auto-reply text", { exact: true }).fill("Thanks, we got your message");
    });
    await addRule(admin, never, desk.name, async (form) => {
      await form.getByRole("button", { name: "Add condition" }).click();
      await form.getByLabel("Condition 2", { exact: true }).selectOption({ label: "Message contains any of" });
      await form.getByLabel("Words for condition 2", { exact: true }).fill("zqxjv");
      await form.getByLabel("Action 1", { exact: true }).selectOption({ label: "Add a tag" });
      await form.getByLabel("Tag for action 1", { exact: true }).fill("never");
    });
  });

  try {
    await page.goto("/tickets");
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    const phone = await context.newPage();
    const customer = customerNumber();
    await phone.goto("/sandbox/phone");
    await phone.getByLabel("Customer phone number").fill(customer.local);
    await phone.getByLabel("Business number to text").selectOption(desk.display.replace(/\s/g, ""));
    const question = `Do you ship to Canada ${tag}?`;
    await phone.getByRole("textbox", { name: "Message" }).fill(question);
    await phone.getByRole("button", { name: "Send", exact: true }).click();

    // The auto-reply is the latest message, and says it is one; the customer still waits.
    const row = page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: numberPattern(customer) });
    await expect(row).toContainText("Auto-reply: Thanks, we got your message");
    await expect(row).toContainText(/Waiting \d+ min/);

    await row.click();
    await expect(bubble(page, question)).toBeVisible();
    await expect(conversation(page).getByText(new RegExp(`^Rule “${greeter}”: `))).toBeVisible();
    await expect(conversation(page).getByText(`Rule “${never}”`)).toHaveCount(0);
    const ruleActivity = conversation(page).getByRole("switch", { name: /Show rule activity/ });
    await expect(ruleActivity).toHaveAttribute("aria-checked", "false");
    await ruleActivity.click();
    await expect(conversation(page).getByText(`Rule “${never}”: did nothing`)).toBeVisible();
    await ruleActivity.click();
    await expect(conversation(page).getByText(`Rule “${never}”`)).toHaveCount(0);

    await page.getByLabel("Message", { exact: true }).fill("Yes, we ship to Canada");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(row).toContainText("You: Yes, we ship to Canada");
    await expect(row).not.toContainText("Waiting");
  } finally {
    await asAdmin(browser, async (admin) => {
      await deleteRule(admin, greeter);
      await deleteRule(admin, never);
    });
  }
});
