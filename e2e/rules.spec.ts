import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { bubble, conversation, customerNumber } from "./support/inbox";
import { addSmsIntegration, buyNumber } from "./support/numbers";

const CLOSED_TEXT = "Thanks! We are closed, we will answer at 9am.";

/** Today's date in a time zone, as a date input wants it. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** Business hours in New York, with today closed: whatever the hour, "now" is outside them. */
async function closeToday(page: Page) {
  await page.goto("/settings/business-hours");
  await page.getByLabel("Time zone", { exact: true }).selectOption("America/New_York");
  if ((await page.getByLabel("Closed date 1", { exact: true }).count()) === 0) await page.getByRole("button", { name: "Add closed date" }).click();
  await page.getByLabel("Closed date 1", { exact: true }).fill(todayIn("America/New_York"));
  await page.getByLabel("Name of closed date 1", { exact: true }).fill("Team day off");
  await page.getByRole("button", { name: "Save business hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Business hours saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("status")).toContainText("closed now (Team day off)");
}

test.describe("as an admin", () => {
  test.use({ storageState: adminState });

  test("sets business hours with weekly periods and a holiday", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Business hours" }).click();
    await expect(page.getByRole("heading", { name: "Business hours" })).toBeVisible();

    // A lunch break on Monday, copied to the other weekdays; Saturday morning only.
    await page.getByRole("button", { name: "Add hours on Monday" }).click();
    // The new period starts where the first one closes.
    await expect(page.getByLabel("Monday period 2 opens", { exact: true })).toHaveValue("17:00");
    await expect(page.getByLabel("Monday period 2 closes", { exact: true })).toHaveValue("18:00");
    // Overlapping and empty periods are refused, naming them.
    await page.getByLabel("Monday period 2 opens", { exact: true }).fill("11:00");
    await page.getByRole("button", { name: "Add hours on Sunday" }).click();
    await page.getByLabel("Sunday opens", { exact: true }).fill("13:00");
    await page.getByLabel("Sunday closes", { exact: true }).fill("13:00");
    await page.getByRole("button", { name: "Save business hours" }).click();
    await expect(page.getByText("Monday 09:00–17:00 and 11:00–18:00 overlap.")).toBeVisible();
    await expect(page.getByText("Sunday 13:00–13:00 opens and closes at the same time.")).toBeVisible();
    await page.getByRole("button", { name: "Remove Sunday hours" }).click();
    await page.getByLabel("Monday period 1 closes", { exact: true }).fill("12:00");
    await page.getByLabel("Monday period 2 opens", { exact: true }).fill("13:00");
    await page.getByRole("button", { name: "Copy Monday to Tuesday–Friday" }).click();
    await expect(page.getByLabel("Friday period 2 opens", { exact: true })).toHaveValue("13:00");
    await page.getByRole("button", { name: "Add hours on Saturday" }).click();
    await page.getByLabel("Saturday closes", { exact: true }).fill("12:30");
    await page.getByRole("button", { name: "Add closed date" }).click();
    await page.getByRole("button", { name: "Save business hours" }).click();
    await expect(page.getByText("Use a date like 2025-12-25.")).toBeVisible();
    await page.getByLabel("Closed date 1", { exact: true }).fill("2020-01-01");
    await page.getByRole("button", { name: "Save business hours" }).click();
    await expect(page.getByText("2020-01-01 is in the past. Remove it.")).toBeVisible();
    await page.getByLabel("Closed date 1", { exact: true }).fill("2030-12-25");
    await page.getByLabel("Name of closed date 1", { exact: true }).fill("Christmas");
    await page.getByRole("button", { name: "Save business hours" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Business hours saved." })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Closed date 1", { exact: true })).toHaveValue("2030-12-25");
    await expect(page.getByLabel("Monday period 2 opens", { exact: true })).toHaveValue("13:00");
    await expect(page.getByLabel("Saturday closes", { exact: true })).toHaveValue("12:30");
    await expect(page.getByLabel("Sunday opens", { exact: true })).toHaveCount(0);
  });

  test("builds an after-hours auto-reply, refusing text that breaks the messaging policy, and tests it", async ({ page }) => {
    await closeToday(page);
    await addSmsIntegration(page, "Night desk", await buyNumber(page));
    await page.goto("/settings/rules");
    await page.getByRole("link", { name: "New rule" }).click();
    await page.getByLabel("Rule name", { exact: true }).fill("After hours");
    await page.getByLabel("When", { exact: true }).selectOption({ label: "Any customer SMS arrives" });
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 1", { exact: true }).selectOption({ label: "Business hours" });
    await page.getByLabel("Business hours for condition 1", { exact: true }).selectOption({ label: "Outside business hours" });
    // Only on this test's number, so that other tests' customers get no surprise replies.
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 2", { exact: true }).selectOption({ label: "SMS integration is" });
    await page.getByRole("checkbox", { name: "Night desk" }).check();
    await page.getByLabel("Action 1", { exact: true }).selectOption({ label: "Send an SMS auto-reply" });

    const reply = page.getByLabel("Auto-reply text", { exact: true });
    await reply.fill("We are closed. Try our CBD gummies, 50% off!");
    await expect(page.getByRole("alert").filter({ hasText: "Federally illegal substances" })).toBeVisible();
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByText("Check the highlighted fields.")).toBeVisible();
    await expect(page).toHaveURL(/\/settings\/rules\/new$/);

    await reply.fill("x".repeat(161));
    await expect(page.getByText("161 / 160 · GSM-7 · 2 SMS")).toBeVisible();
    await reply.fill(CLOSED_TEXT);
    await expect(page.getByText("45 / 160 · GSM-7 · 1 SMS")).toBeVisible();
    await page.getByRole("button", { name: "Create rule" }).click();

    await expect(page).toHaveURL(/\/settings\/rules$/);
    const rule = page.getByRole("listitem", { name: "After hours" });
    await expect(rule).toContainText(`it is outside business hours and the SMS integration is Night desk: send the auto-reply “${CLOSED_TEXT}”`);
    await expect(rule.getByRole("switch", { name: "After hours enabled" })).toBeChecked();

    // The Test panel says what would happen, and sends nothing.
    const panel = page.getByRole("form", { name: "Test rules" });
    const results = page.getByRole("region", { name: "Test results" });
    await panel.getByLabel("Sample message", { exact: true }).fill("Hello, are you open?");
    await panel.getByLabel("SMS integration", { exact: true }).selectOption({ label: "Night desk" });
    await panel.getByRole("button", { name: "Test rules" }).click();
    await expect(results).toContainText("1 rule would match");
    await expect(results.getByRole("listitem", { name: "After hours" })).toContainText(`Would send: “${CLOSED_TEXT}”`);

    await panel.getByLabel("Sample message", { exact: true }).fill("STOP");
    await panel.getByRole("button", { name: "Test rules" }).click();
    await expect(results.getByRole("listitem", { name: "After hours" })).toContainText("No auto-reply: the customer replied STOP, which unsubscribes them.");

    await panel.getByLabel("Sample message", { exact: true }).fill("Hello");
    await panel.getByLabel("Date and time (America/New_York)", { exact: true }).fill("2030-01-07T10:00");
    await panel.getByRole("button", { name: "Test rules" }).click();
    await expect(results).toContainText("No rule would match a message on Monday 2030-01-07 at 10:00 (America/New_York).");
    await expect(results.getByRole("listitem", { name: "After hours" })).toContainText("It would do nothing: it was during business hours");
  });

  test("at 800 px the rule form stacks its steps and nothing runs off the page", async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto("/settings/rules/new?start=after-hours");
    const when = page.getByLabel("Business hours for condition 1", { exact: true });
    await expect(when).toHaveValue("outside");
    // The value gets the full row: its choice is readable, not cut to "Outsi".
    expect((await when.boundingBox())?.width ?? 0).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  });

  test("duplicates, reorders with the keyboard, disables, edits and deletes rules", async ({ page }) => {
    await page.goto("/settings/rules/new");
    await page.getByLabel("Rule name", { exact: true }).fill("Tag refunds");
    await page.getByLabel("Action 1", { exact: true }).selectOption({ label: "Add a tag" });
    await page.getByLabel("Tag for action 1", { exact: true }).fill("refund");
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 1", { exact: true }).selectOption({ label: "Message contains any of" });
    await page.getByLabel("Words for condition 1", { exact: true }).fill("refund*, return");
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/settings\/rules$/);

    await page.getByRole("button", { name: "Duplicate Tag refunds" }).click();
    await expect(page.getByRole("status")).toContainText("The copy is disabled until you enable it.");
    const names = async () => page.getByRole("list", { name: "Rules in run order" }).locator(":scope > li").evaluateAll((items) => items.map((item) => item.getAttribute("aria-label")));
    // The copy lands right below its original (the list may follow the message by a moment).
    await expect.poll(async () => {
      const listed = await names();
      return listed.indexOf("Copy of Tag refunds") - listed.indexOf("Tag refunds");
    }).toBe(1);
    const before = await names();
    const copy = page.getByRole("listitem", { name: "Copy of Tag refunds" });
    await expect(copy.getByRole("switch", { name: "Copy of Tag refunds enabled" })).not.toBeChecked();

    // Move the copy to the top with the keyboard only; focus stays on its move button.
    const steps = before.indexOf("Copy of Tag refunds");
    await page.getByRole("button", { name: "Move Copy of Tag refunds up" }).focus();
    for (let step = 0; step < steps; step++) {
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await names()).indexOf("Copy of Tag refunds")).toBe(steps - step - 1);
    }
    expect((await names())[0]).toBe("Copy of Tag refunds");
    await expect(page.getByRole("button", { name: "Move Copy of Tag refunds up" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Move Copy of Tag refunds down" })).toBeFocused();

    await copy.getByRole("switch", { name: "Copy of Tag refunds enabled" }).check();
    await expect(page.getByRole("status")).toContainText("“Copy of Tag refunds” enabled.");
    await page.reload();
    await expect(copy.getByRole("switch", { name: "Copy of Tag refunds enabled" })).toBeChecked();

    await page.getByRole("link", { name: "Edit Copy of Tag refunds" }).click();
    await expect(page.getByLabel("Words for condition 1", { exact: true })).toHaveValue("refund*, return");
    await page.getByLabel("Rule name", { exact: true }).fill("Tag returns");
    await page.getByRole("button", { name: "Save rule" }).click();
    await expect(page).toHaveURL(/\/settings\/rules$/);

    await page.getByRole("button", { name: "Delete Tag returns" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
    await expect(page.getByRole("status")).toContainText("Deleted “Tag returns”.");
    await expect(page.getByRole("listitem", { name: "Tag returns" })).toHaveCount(0);
    await expect(page.getByRole("listitem", { name: "Tag refunds" })).toBeVisible();
    // It applies to every integration: gone again, so that other tests' tickets keep their tags.
    await page.getByRole("button", { name: "Delete Tag refunds" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
    await expect(page.getByRole("listitem", { name: "Tag refunds" })).toHaveCount(0);
  });
});

/** Opens the customer's ticket from the inbox by searching their number. */
async function openTicketOf(page: Page, phone: string) {
  await page.goto("/tickets");
  await page.getByLabel("Search tickets").fill(phone);
  const shown = phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "+1 $1 $2 $3");
  const row = page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: new RegExp(shown.replace(/\+/g, "\\+")) });
  await expect(row).toHaveCount(1);
  await page.goto((await row.getAttribute("href"))!);
  await expect(conversation(page)).toBeVisible();
}

test.describe("a customer texts at night", () => {
  test.use({ storageState: adminState });

  test("gets the after-hours auto-reply on the phone, shown on the ticket with the rule's name; STOP gets none", async ({ page }) => {
    await closeToday(page);
    const display = await buyNumber(page, { areaCode: "646" });
    await addSmsIntegration(page, "Phone desk", display);

    await page.goto("/settings/rules/new?start=after-hours");
    await page.getByLabel("Rule name", { exact: true }).fill("Outside business hours");
    await expect(page.getByLabel("Business hours for condition 1", { exact: true })).toHaveValue("outside");
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 2", { exact: true }).selectOption({ label: "SMS integration is" });
    await page.getByRole("checkbox", { name: "Phone desk" }).check();
    await page.getByLabel("Auto-reply text", { exact: true }).fill(CLOSED_TEXT);
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByRole("listitem", { name: "Outside business hours" })).toBeVisible();

    // The customer texts from the phone simulator; the reply reaches the phone.
    const business = display.replace(/\s/g, "");
    const customer = customerNumber();
    await page.goto("/sandbox/phone");
    await page.getByLabel("Customer phone number").fill(customer.local);
    await page.getByLabel("Business number to text").selectOption(business);
    await page.getByRole("textbox", { name: "Message" }).fill("Hello? Is anyone there?");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const phone = page.getByRole("list", { name: /^Messages between/ });
    await expect(phone.getByRole("listitem").filter({ hasText: CLOSED_TEXT })).toContainText("Delivered", { timeout: 20_000 });
    await expect(phone.getByRole("listitem")).toHaveCount(2);

    await openTicketOf(page, customer.e164);
    await expect(bubble(page, CLOSED_TEXT)).toHaveAccessibleName("Message from Rule “Outside business hours”");
    await expect(conversation(page).getByText("Rule “Outside business hours”: sent an auto-reply.")).toBeVisible();

    // Another customer's first word is STOP: the carrier answers it, the rule does not.
    const quitter = customerNumber();
    await page.goto("/sandbox/phone");
    await page.getByLabel("Customer phone number").fill(quitter.local);
    await page.getByLabel("Business number to text").selectOption(business);
    await page.getByRole("textbox", { name: "Message" }).fill("STOP");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(phone.getByRole("listitem").filter({ hasText: "successfully been unsubscribed" })).toBeVisible();

    await openTicketOf(page, quitter.e164);
    // A rule that sent nothing is rule activity, shown on asking.
    await conversation(page).getByRole("switch", { name: /Show rule activity/ }).click();
    await expect(conversation(page).getByText("Rule “Outside business hours”: no auto-reply: the customer replied STOP, which unsubscribes them.")).toBeVisible();
    await expect(bubble(page, CLOSED_TEXT)).toHaveCount(0);
    await page.goto("/sandbox/phone");
    await page.getByLabel("Customer phone number").fill(quitter.local);
    await page.getByLabel("Business number to text").selectOption(business);
    await expect(phone.getByRole("listitem")).toHaveCount(2);
    await expect(phone.getByRole("listitem").filter({ hasText: CLOSED_TEXT })).toHaveCount(0);
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: agentState });

  test("cannot open rules or business hours", async ({ page }) => {
    for (const path of ["/settings/rules", "/settings/rules/new", "/settings/business-hours"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });
});
