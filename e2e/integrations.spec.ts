import { expect, test } from "./support/test";
import { adminState } from "./support/accounts";
import { addSmsIntegration, buyNumber, escapeRegExp } from "./support/numbers";
import { callSandboxApi, readSandboxAccount } from "./support/sandbox";

test.use({ storageState: adminState });

test("the seed's flow: buy a number, add an SMS integration on it, and find it on the list", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "212" });

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Integrations → SMS" }).click();
  await expect(page.getByRole("heading", { name: "Messaging policy" })).toBeVisible();
  await expect(page.getByText("High-risk financial services")).toBeVisible();
  await page.getByRole("link", { name: "Add SMS Integration" }).click();
  await expect(page.getByRole("heading", { name: "Add SMS Integration" })).toBeVisible();

  // Bad input is refused next to its field, and nothing is created.
  await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(display)}`) }).check();
  await page.getByRole("button", { name: "Add SMS Integration" }).click();
  await expect(page.getByLabel("Integration name")).toHaveAccessibleDescription("Enter a name for the integration.");
  await page.getByLabel("Integration name").fill("x".repeat(101));
  await page.getByRole("button", { name: "Add SMS Integration" }).click();
  await expect(page.getByLabel("Integration name")).toHaveAccessibleDescription("Use at most 100 characters for the name.");

  await page.getByLabel("Integration name").fill("Main support line");
  await page.getByRole("button", { name: "Add SMS Integration" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/sms$/);
  const row = page.getByRole("row", { name: /Main support line/ });
  await expect(row).toContainText(display);
  await expect(row).toContainText("Active");
  // Twilio was asked where the number's texts go: here.
  await expect(row.getByRole("cell").filter({ hasText: /^Working$/ })).toBeVisible();

  // The number is taken now: offered no more, with the reason.
  await page.goto("/settings/integrations/sms/new");
  const taken = page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(display)}`) });
  await expect(taken).toBeDisabled();
  await expect(taken).toHaveAccessibleDescription("Already used by the SMS integration “Main support line”.");
});

test("an admin renames, tunes, deactivates with a reason, reactivates and deletes an integration", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "312" });
  await addSmsIntegration(page, "Lifecycle", display);
  await page.getByRole("link", { name: "Lifecycle" }).click();
  await expect(page.getByText("Working: Twilio sends this number’s messages and delivery reports to this app.")).toBeVisible();

  const rename = page.getByRole("form", { name: "Name" });
  await rename.getByLabel("Integration name").fill("Lifecycle desk");
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(rename.getByRole("status")).toHaveText("Name saved.");
  await expect(page.getByRole("heading", { name: "Lifecycle desk" })).toBeVisible();

  const settings = page.getByRole("form", { name: "Ticket and message settings" });
  await expect(settings.getByLabel("Reopen window (days)")).toHaveValue("3");
  await expect(settings.getByLabel("Maximum message length (characters)")).toHaveValue("160");
  await settings.getByLabel("Reopen window (days)").fill("400");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByLabel("Reopen window (days)")).toHaveAccessibleDescription(/The reopen window must be a whole number from 0 to 365\./);
  await settings.getByLabel("Reopen window (days)").fill("0");
  await settings.getByLabel("Maximum message length (characters)").fill("1600");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status")).toHaveText("Settings saved.");
  await page.reload();
  await expect(settings.getByLabel("Reopen window (days)")).toHaveValue("0");
  await expect(settings.getByLabel("Maximum message length (characters)")).toHaveValue("1600");

  const deactivate = page.getByRole("form", { name: "Deactivate" });
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(deactivate.getByLabel("Reason for deactivating")).toHaveAccessibleDescription(/Say why it is deactivated/);
  await deactivate.getByLabel("Reason for deactivating").fill("Messaging policy violation");
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deactivated: Messaging policy violation." })).toBeVisible();

  await page.getByRole("link", { name: "All SMS integrations" }).click();
  const row = page.getByRole("row", { name: /Lifecycle desk/ });
  await expect(row).toContainText("Deactivated");
  await expect(row).toContainText("Messaging policy violation");

  await row.getByRole("link", { name: "Lifecycle desk" }).click();
  await page.getByRole("button", { name: "Reactivate Lifecycle desk" }).click();
  await expect(page.getByRole("form", { name: "Deactivate" })).toBeVisible();

  await page.getByRole("button", { name: "Delete Lifecycle desk" }).click();
  await expect(page.getByRole("dialog")).toContainText("Its tickets and messages stay.");
  await page.getByRole("dialog").getByRole("button", { name: "Delete integration" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/sms\?deleted=1$/);
  await expect(page.getByRole("status")).toHaveText("SMS integration deleted. Its tickets stay in the inbox.");
  await expect(page.getByRole("row", { name: /Lifecycle desk/ })).toHaveCount(0);
  // Its tickets stay, and the inbox can still narrow down to them.
  await page.goto("/tickets");
  await expect(page.getByLabel("SMS integration").locator("option", { hasText: "Lifecycle desk" })).toHaveText(/· deleted$/);
});

test("someone changes the number's webhook at Twilio: the integration page says where it points, and Repair fixes it", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "617" });
  await addSmsIntegration(page, "Repair desk", display);
  const integrationUrl = await page.getByRole("link", { name: "Repair desk" }).getAttribute("href");

  // Change the number behind the app's back, through the sandbox's Twilio REST API.
  const account = await readSandboxAccount(page);
  const e164 = display.replace(/\s/g, "");
  const listed = await callSandboxApi(page.request, account, `/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(e164)}`);
  const sid = (listed.body.incoming_phone_numbers as Array<{ sid: string }>)[0]?.sid;
  expect(sid).toMatch(/^PN/);
  const changed = await callSandboxApi(page.request, account, `/IncomingPhoneNumbers/${sid}.json`, [["SmsUrl", "https://elsewhere.example.com/sms"]]);
  expect(changed.status).toBe(200);

  // The list says so, and leads to the integration's page.
  await page.goto("/settings/integrations/sms");
  const row = page.getByRole("row", { name: /Repair desk/ });
  await row.getByRole("link", { name: "Not working: repair" }).click();
  await expect(page).toHaveURL(new RegExp(`${integrationUrl}$`));
  const health = page.getByRole("region", { name: "Connection to Twilio" });
  await expect(health).toContainText("Not working: this number’s settings at Twilio do not point at this app.");
  await expect(health).toContainText("Customers’ messages go to https://elsewhere.example.com/sms instead of this app");
  await health.getByRole("button", { name: "Repair" }).click();
  await expect(health.getByRole("status")).toHaveText("Repaired: Twilio sends this number’s messages to this app again.");

  const repaired = await callSandboxApi(page.request, account, `/IncomingPhoneNumbers/${sid}.json`);
  expect(repaired.body.sms_url).toBe(`${account.apiBaseUrl.replace(/\/sandbox\/twilio$/, "")}/api/twilio/sms`);
  await page.reload();
  await expect(health).toContainText("Working: Twilio sends this number’s messages and delivery reports to this app.");
  await page.goto("/settings/integrations/sms");
  await expect(row.getByRole("cell").filter({ hasText: /^Working$/ })).toBeVisible();
});
