import { expect, test } from "./support/test";
import { adminState } from "./support/accounts";
import { customerNumber, startConversation } from "./support/inbox";
import { addSmsIntegration, buyNumber, escapeRegExp } from "./support/numbers";
import { callSandboxApi, readSandboxAccount } from "./support/sandbox";
import type { Page } from "@playwright/test";

test.use({ storageState: adminState });

const NOT_REGISTERED = "Not registered: US carriers will block texts from this number";

/** In the phone simulator, as the sandbox's account owner: sets the number's A2P 10DLC campaign. */
async function setRegistration(page: Page, e164: string, label: string) {
  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number to text").selectOption(e164);
  const picker = page.getByLabel("A2P 10DLC registration");
  await picker.selectOption({ label });
  await expect(picker).toBeEnabled();
  await expect(page.getByText(/The campaign of its Messaging Service “.+”: it applies to every number in that service\./)).toBeVisible();
  await expect(picker).toHaveValue(/.+/);
}

test("a US number that is not registered shows Not registered before any text is sent; registering it in the sandbox makes it Ready", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "737" });
  const e164 = display.replace(/\s/g, "");

  // Warned while choosing the number, before the integration exists.
  await page.goto("/settings/integrations/sms/new");
  const choice = page.getByRole("listitem").filter({ has: page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(display)}`) }) });
  await expect(choice).toContainText(`US carriers: ${NOT_REGISTERED}`);
  await expect(choice.getByRole("link", { name: "About A2P 10DLC registration" })).toHaveAttribute("href", "https://www.twilio.com/docs/messaging/compliance/a2p-10dlc");

  await addSmsIntegration(page, "Austin texts", display);
  const row = page.getByRole("row", { name: /Austin texts/ });
  await expect(row.getByRole("cell").filter({ hasText: /^Working$/ })).toBeVisible();
  await expect(row).toContainText(NOT_REGISTERED);
  await expect(row.getByRole("link", { name: "About A2P 10DLC registration" })).toBeVisible();

  await row.getByRole("link", { name: "Austin texts" }).click();
  const usCarriers = page.getByRole("region", { name: "US carriers" });
  await expect(usCarriers).toContainText(NOT_REGISTERED);
  await expect(usCarriers).toContainText(/is in no Messaging Service with an A2P 10DLC campaign/);

  await setRegistration(page, e164, "Campaign under review (IN_PROGRESS)");
  await page.goto("/settings/integrations/sms");
  await expect(page.getByRole("row", { name: /Austin texts/ })).toContainText("Registration pending");

  await setRegistration(page, e164, "Campaign approved (VERIFIED)");
  await page.goto("/settings/integrations/sms");
  const readyRow = page.getByRole("row", { name: /Austin texts/ });
  await expect(readyRow.getByRole("cell").filter({ hasText: /^Ready$/ })).toBeVisible();
  await expect(readyRow).not.toContainText(NOT_REGISTERED);
  await readyRow.getByRole("link", { name: "Austin texts" }).click();
  await expect(page.getByRole("region", { name: "US carriers" })).toContainText(/Ready.*whose A2P 10DLC campaign is approved/);
});

test("an integration sends through the Messaging Service the admin picks", async ({ page, request }) => {
  const display = await buyNumber(page, { areaCode: "646" });
  const e164 = display.replace(/\s/g, "");
  await addSmsIntegration(page, "Service desk", display);
  // Registering the number in the sandbox puts it in a Messaging Service of its own.
  await setRegistration(page, e164, "Campaign approved (VERIFIED)");
  const account = await readSandboxAccount(page);

  await page.goto("/settings/integrations/sms");
  await page.getByRole("row", { name: /Service desk/ }).getByRole("link", { name: "Service desk" }).click();
  const sending = page.getByRole("form", { name: "Send through" });
  const through = sending.getByLabel("Send through");
  await expect(through).toHaveValue("");
  // The sandbox named the service after the number's friendly name, "(646) 555-0134".
  const digits = e164.slice(2);
  const serviceOption = through.locator("option", { hasText: `Messaging Service “(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)} service”` });
  const serviceSid = await serviceOption.getAttribute("value");
  expect(serviceSid).toMatch(/^MG[0-9a-f]{32}$/);
  await through.selectOption(serviceSid!);
  await sending.getByRole("button", { name: "Save" }).click();
  await expect(sending.getByRole("status")).toHaveText("Saved: replies go out this way from now on.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Send through" }).getByLabel("Send through")).toHaveValue(serviceSid!);

  const customer = customerNumber();
  await startConversation(page, { phone: customer.local, integration: { name: "Service desk", display }, body: "Sent through the service" });
  await expect(async () => {
    const { body } = await callSandboxApi(request, account, `/Messages.json?To=${encodeURIComponent(customer.e164)}`);
    expect(body.messages).toEqual([expect.objectContaining({ messaging_service_sid: serviceSid, from: e164, body: "Sent through the service" })]);
  }).toPass();
});
