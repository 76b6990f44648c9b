import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState } from "./support/accounts";
import { bubble, customerNumber, startConversation } from "./support/inbox";
import { addSmsIntegration, buyNumber, escapeRegExp } from "./support/numbers";

test.use({ storageState: adminState });

/** The phone simulator's Sandbox account panel, opened. */
async function openAccountPanel(page: Page) {
  await page.goto("/sandbox/phone");
  await page.getByText("Sandbox account", { exact: true }).click();
  return page.getByRole("region", { name: "US carrier registration" });
}

async function setCarrierRules(page: Page, on: boolean) {
  const panel = await openAccountPanel(page);
  const rules = panel.getByRole("checkbox", { name: /Apply US carriers' rules/ });
  // The panel's data may be refreshed under the first click, which then leaves the box as it
  // was: click again until the box shows the state. The reload below checks the state was saved.
  await expect(async () => {
    await rules.setChecked(on, { timeout: 5_000 });
  }).toPass({ timeout: 20_000 });
  await expect(rules).toBeEnabled();
  await page.reload();
  await page.getByText("Sandbox account", { exact: true }).click();
  await expect(panel.getByRole("checkbox", { name: /Apply US carriers' rules/ })).toBeChecked({ checked: on });
}

test("the sandbox account panel sets a number's A2P 10DLC registration; unregistered, its replies fail with 30034 in words until it is approved", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "512" });
  const desk = { name: `Carrier rules desk ${randomInt(1e6)}`, display };
  await addSmsIntegration(page, desk.name, display);

  await setCarrierRules(page, true);
  try {
    let panel = await openAccountPanel(page);
    const picker = panel.getByLabel(new RegExp(`^${escapeRegExp(display)}.*\\(10DLC\\)$`));
    await expect(picker).toHaveValue("unregistered");

    const customer = customerNumber();
    await startConversation(page, { phone: customer.local, integration: desk, body: "Your parcel is on its way" });
    const sent = bubble(page, "Your parcel is on its way");
    await expect(sent.getByTestId("delivery-state")).toHaveText("Not delivered", { timeout: 20_000 });
    await expect(sent).toContainText("This number is not registered for business texting (A2P 10DLC), so carriers block it.");
    const ticketUrl = page.url();

    panel = await openAccountPanel(page);
    await picker.selectOption({ label: "Campaign approved (VERIFIED)" });
    await expect(picker).toBeEnabled();
    await page.reload();
    await page.getByText("Sandbox account", { exact: true }).click();
    await expect(panel.getByLabel(new RegExp(`^${escapeRegExp(display)}.*\\(10DLC\\)$`))).toHaveValue("registered");
    await page.goto("/settings/integrations/sms");
    await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(desk.name)) }).getByRole("cell").filter({ hasText: /^Ready$/ })).toBeVisible();

    await page.goto(ticketUrl);
    await sent.getByRole("button", { name: "Retry" }).click();
    await expect(sent.getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
  } finally {
    await setCarrierRules(page, false);
  }
});

test("the integrations page counts texts refused for their country, and its link allows the country", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "415" });
  const business = display.replace(/\s/g, "");
  await addSmsIntegration(page, `Abroad desk ${randomInt(1e6)}`, display);

  async function textFrom(typed: string, body: string, expected: string) {
    await page.goto("/sandbox/phone");
    await page.getByLabel("Customer phone number").fill(typed);
    await page.getByLabel("Business number to text").selectOption(business);
    await page.getByRole("textbox", { name: "Message" }).fill(body);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByRole("list", { name: /^Messages between/ }).getByRole("listitem").filter({ hasText: body })).toContainText(expected);
  }
  const marker = randomInt(1e9);
  const brazil = () => `+55 11 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;
  await textFrom(brazil(), `Olá ${marker}`, "Not accepted by the inbox: country not allowed (Brazil)");
  await textFrom(brazil(), `Oi ${marker}`, "Not accepted by the inbox: country not allowed (Brazil)");
  await textFrom(`+234 803 ${randomInt(100, 999)} ${randomInt(1000, 9999)}`, `Hello ${marker}`, "Not accepted by the inbox: country not allowed (Nigeria)");

  await page.goto("/settings/integrations/sms");
  const countries = page.getByRole("region", { name: "Countries" });
  await expect(countries).toContainText(/\d+ texts refused in the last 30 days from countries not allowed: .*Brazil \(2\)/);
  await expect(countries).toContainText("Nigeria (1)");
  await countries.getByRole("link", { name: "Allow Brazil" }).click();

  await expect(page).toHaveURL(/\/settings\/integrations\/sms\/countries\?country=BR$/);
  await expect(page.getByLabel("Country to allow")).toHaveValue("BR");
  await page.getByRole("button", { name: "Allow country" }).click();
  await expect(page.getByText("Country allowed.")).toBeVisible();
  const added = page.getByRole("list", { name: "Countries added by an admin" });
  await expect(added.getByRole("listitem").filter({ hasText: "Brazil" })).toBeVisible();

  try {
    await page.goto("/settings/integrations/sms");
    await expect(countries.getByRole("link", { name: "Allow Brazil" })).toHaveCount(0);
    await expect(countries).not.toContainText("Brazil (");
    await expect(countries.getByRole("link", { name: "Allow Nigeria" })).toBeVisible();
    // Customers in Brazil now reach the inbox.
    await textFrom(brazil(), `Tudo bem ${marker}`, "Delivered");
  } finally {
    await page.goto("/settings/integrations/sms/countries");
    await page.getByRole("button", { name: "Remove Brazil" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove country" }).click();
    await expect(added.getByRole("listitem").filter({ hasText: "Brazil" })).toHaveCount(0);
  }
});
