import { expect, test } from "./support/test";
import { adminState } from "./support/accounts";
import { addSmsIntegration, buyNumber, escapeRegExp } from "./support/numbers";
import { buySandboxNumber, readSandboxAccount } from "./support/sandbox";

test.use({ storageState: adminState });

const UK_LOCAL_REASON = "UK local (geographic) numbers cannot send or receive SMS yet. Use a UK mobile number.";

test("an admin searches for a US number, sees it can do SMS and MMS, and buys it", async ({ page }) => {
  await page.goto("/settings/phone-numbers");
  await page.getByRole("link", { name: "Buy a number" }).click();
  await page.getByLabel("Area code (optional)").fill("41");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("An area code has 3 digits, like 415.")).toBeVisible();

  await page.getByLabel("Area code (optional)").fill("415");
  await page.getByRole("button", { name: "Search" }).click();
  const firstResult = page.getByRole("table", { name: "Numbers for sale" }).getByRole("row").nth(1);
  await expect(firstResult).toContainText("San Francisco");
  await expect(firstResult).toContainText("SMS and MMS");

  const display = await buyNumber(page, { areaCode: "415" });
  const row = page.getByRole("row", { name: new RegExp(escapeRegExp(display)) });
  await expect(row).toContainText("United States");
  await expect(row).toContainText("Local");
  await expect(row).toContainText("SMS and MMS");
  await expect(row).toContainText("Bought here");
});

test("a UK local number cannot have SMS, and every page says why", async ({ page }) => {
  await page.goto("/settings/phone-numbers/new");
  await page.getByLabel("Country").selectOption({ label: "United Kingdom (+44)" });
  await expect(page.getByLabel("Area code (optional)")).toHaveCount(0);
  await page.getByRole("button", { name: "Search" }).click();
  const firstResult = page.getByRole("table", { name: "Numbers for sale" }).getByRole("row").nth(1);
  await expect(firstResult).toContainText("No SMS");
  await expect(firstResult).toContainText(UK_LOCAL_REASON);

  const display = await buyNumber(page, { country: "United Kingdom (+44)", type: "Local" });
  await expect(page.getByRole("main").getByRole("status")).toHaveText(`${display} is now yours. It cannot have SMS here: ${UK_LOCAL_REASON}`);
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(display)) })).toContainText(UK_LOCAL_REASON);

  await page.goto("/settings/integrations/sms/new");
  const choice = page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(display)}`) });
  await expect(choice).toBeDisabled();
  await expect(choice).toHaveAccessibleDescription(UK_LOCAL_REASON);

  const ukMobile = await buyNumber(page, { country: "United Kingdom (+44)", type: "Mobile" });
  await page.goto("/settings/integrations/sms/new");
  const mobileChoice = page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(ukMobile)}`) });
  await expect(mobileChoice).toBeEnabled();
  await expect(mobileChoice).toHaveAccessibleDescription("UK mobile numbers can send SMS but not MMS (pictures).");
});

test("a port request is followed to completion or rejection; in the sandbox the admin plays the carrier", async ({ page }) => {
  await page.goto("/settings/phone-numbers");
  await page.getByRole("link", { name: "Port a number in" }).click();
  await expect(page.getByText("it usually takes several days")).toBeVisible();

  const form = page.getByRole("form", { name: "Port request" });
  await form.getByLabel("Number to port").fill("415 555 0199");
  await form.getByRole("button", { name: "Submit port request" }).click();
  await expect(form.getByText("“415 555 0199” has no country code.")).toBeVisible();
  await expect(form.getByText("Enter the current carrier.")).toBeVisible();

  // A number that could not have SMS here is called out before it goes to the carrier, and refused.
  const ukLocal = `+44 20 7946 0018 cannot have SMS here, so porting it in would not help: ${UK_LOCAL_REASON}`;
  await form.getByLabel("Number to port").fill("+44 20 7946 0018");
  await expect(form.getByText(ukLocal)).toBeVisible();
  await form.getByRole("button", { name: "Submit port request" }).click();
  await expect(form.getByText("Enter the current carrier.")).toBeVisible();
  await form.getByLabel("Current carrier").fill("BT");
  await form.getByLabel("Account number at that carrier").fill("BT-1");
  await form.getByLabel("PIN or passcode").fill("1234");
  await form.getByLabel("Authorised name on the account").fill("Pat Owner");
  await form.getByLabel("Service address").fill("1 High St, London");
  await form.getByRole("button", { name: "Submit port request" }).click();
  await expect(form.getByRole("alert")).toHaveText(ukLocal);
  await expect(page.getByRole("row", { name: /\+44 20 7946 0018/ })).toHaveCount(0);

  const suffix = String(Date.now() % 100).padStart(2, "0");
  const number = `+1 415 555 01${suffix}`;
  await form.getByLabel("Number to port").fill(number);
  await form.getByLabel("Current carrier").fill("Acme Mobile");
  await form.getByLabel("Account number at that carrier").fill("ACC-778");
  await form.getByLabel("PIN or passcode").fill("4321");
  await form.getByLabel("Authorised name on the account").fill("Pat Owner");
  await form.getByLabel("Service address").fill("1 Main St, Springfield");
  await form.getByRole("button", { name: "Submit port request" }).click();
  await expect(form.getByRole("status")).toHaveText("Port request submitted. Follow it below.");

  const row = page.getByRole("row", { name: new RegExp(escapeRegExp(number)) });
  await expect(row).toContainText("Submitted");
  await expect(page.getByText("4321")).toHaveCount(0);
  await expect(page.getByText("The carrier moves the number; this takes days.")).toBeVisible();
  await row.getByRole("button", { name: `Mark port of ${number} in progress` }).click();
  await expect(row).toContainText("In progress");
  await expect(row.getByRole("button", { name: `Mark port of ${number} in progress` })).toHaveCount(0);
  await row.getByRole("button", { name: `Check status of port of ${number}` }).click();
  await expect(row.getByRole("status")).toContainText("is not in your Twilio account yet");
  await expect(row).toContainText("In progress");
  await row.getByRole("button", { name: `Complete port of ${number} now` }).click();
  await expect(row).toContainText("Completed");

  await page.goto("/settings/phone-numbers");
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(number)) })).toContainText("Ported in");

  // The other outcome: the carrier rejects, and says why.
  await page.goto("/settings/phone-numbers/port");
  const other = `+1 415 555 02${suffix}`;
  await form.getByLabel("Number to port").fill(other);
  await form.getByLabel("Current carrier").fill("Acme Mobile");
  await form.getByLabel("Account number at that carrier").fill("ACC-779");
  await form.getByLabel("PIN or passcode").fill("0000");
  await form.getByLabel("Authorised name on the account").fill("Pat Owner");
  await form.getByLabel("Service address").fill("1 Main St, Springfield");
  await form.getByRole("button", { name: "Submit port request" }).click();
  const rejected = page.getByRole("row", { name: new RegExp(escapeRegExp(other)) });
  await rejected.getByRole("button", { name: `Reject port of ${other}` }).click();
  const reason = rejected.getByLabel("Reason the carrier gave");
  // No reason is written for the admin: the carrier's own words are recorded.
  await expect(reason).toHaveValue("");
  await rejected.getByRole("button", { name: "Record rejection" }).click();
  // The browser asks for the reason before anything is sent.
  expect(await reason.evaluate((field: HTMLTextAreaElement) => field.validity.valueMissing)).toBe(true);
  await expect(rejected).toContainText("Submitted");
  await reason.fill("Acme Mobile says the PIN does not match");
  await rejected.getByRole("button", { name: "Record rejection" }).click();
  await expect(rejected).toContainText("Rejected");
  await expect(rejected).toContainText("Acme Mobile says the PIN does not match");
  await expect(rejected.getByRole("button", { name: `Check status of port of ${other}` })).toHaveCount(0);
});

test("a number is not released while an SMS integration uses it, and is released after confirmation", async ({ page }) => {
  const display = await buyNumber(page, { areaCode: "646" });
  await addSmsIntegration(page, "Release test", display);

  await page.goto("/settings/phone-numbers");
  const row = page.getByRole("row", { name: new RegExp(escapeRegExp(display)) });
  await expect(row.getByRole("link", { name: "Release test" })).toBeVisible();
  // Refused before the confirmation, with the reason next to the button (the server refuses it too).
  await expect(row.getByRole("button", { name: `Release ${display}` })).toBeDisabled();
  await expect(row.getByRole("button", { name: `Release ${display}` })).toHaveAccessibleDescription("Used by SMS integration “Release test”. Delete that integration first.");
  await expect(row.getByText("Used by SMS integration “Release test”. Delete that integration first.")).toBeVisible();

  await row.getByRole("link", { name: "Release test" }).click();
  await page.getByRole("button", { name: "Delete Release test" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete integration" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/sms\?deleted=1$/);

  await page.goto("/settings/phone-numbers");
  await row.getByRole("button", { name: `Release ${display}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Release number" }).click();
  await expect(row).toHaveCount(0);
});

test("a number bought outside the app (in the sandbox's Twilio account) is imported", async ({ page }) => {
  const account = await readSandboxAccount(page);
  const e164 = await buySandboxNumber(page.request, account, "303");
  const display = `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;

  await page.goto("/settings/phone-numbers");
  await page.getByRole("link", { name: "Import from Twilio" }).click();
  await expect(page.getByText("Importing is for numbers a real Twilio account already owns")).toBeVisible();
  await page.getByRole("button", { name: "Import selected numbers" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Choose at least one number to import.");

  await page.getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(display)}`) }).check();
  await page.getByRole("button", { name: "Import selected numbers" }).click();
  await expect(page).toHaveURL(/\/settings\/phone-numbers\?imported=1$/);
  await expect(page.getByRole("status")).toHaveText("1 number imported.");
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(display)) })).toContainText("Imported from Twilio");

  await page.goto("/settings/phone-numbers/import");
  await expect(page.getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(display)}`) })).toHaveCount(0);
});
