import { randomInt } from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agent, agentState } from "./support/accounts";
import { conversation, customerNumber, numberPattern, openTicketPage, pressShortcut, setUpSmsIntegration, startConversation, type SmsIntegration } from "./support/inbox";
import { callServerAction } from "./support/server-actions";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `SnoozeDesk${randomInt(1e6)}`);
  // Open all day, every day: business time is wall-clock time, whatever hour the test runs at.
  const context = await browser.newContext({ storageState: adminState });
  const page = await context.newPage();
  await page.goto("/settings/business-hours");
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => ({ day, start: "00:00", end: "00:00" }));
  const saved = await callServerAction(page, "/settings/business-hours", "saveBusinessHoursAction", [{ timeZone: "UTC", periods: days, closedDates: [] }]);
  expect(saved.status()).toBe(200);
  await context.close();
});

/** The customer texts the desk from the sandbox's phone; returns when the app has taken it. */
async function customerTexts(phone: Page, customer: { local: string }, body: string) {
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Customer phone number").fill(customer.local);
  await phone.getByLabel("Business number to text").selectOption(desk.display.replace(/\s/g, ""));
  await phone.getByRole("textbox", { name: "Message" }).fill(body);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phone.getByRole("list", { name: /^Messages between/ }).getByRole("listitem").filter({ hasText: body }).last()).toContainText("Delivered");
}

function row(page: Page, ticketId: string) {
  return page.getByRole("list", { name: "Tickets" }).locator(`[data-ticket-id="${ticketId}"]`);
}

function views(page: Page) {
  return page.getByRole("navigation", { name: "Views" });
}

async function ticketOf(page: Page, customer: { e164: string }): Promise<string> {
  const link = page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: numberPattern(customer) });
  await expect(link).toHaveCount(1);
  return (await link.getAttribute("data-ticket-id"))!;
}

test("snoozes with a preset: the ticket waits under Snoozed with its wake-up time, and Unsnooze brings it back", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Your table is booked" });
  await openTicketPage(page, ticketId);
  await page.getByRole("button", { name: "Snooze", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Snooze until…" });
  const hour = dialog.getByRole("button", { name: /^In 1 hour/ });
  const shown = (await hour.locator("span").last().textContent())!;
  expect(shown).toMatch(/^(today|tomorrow) \d\d:\d\d$/);
  await hour.click();
  await expect(dialog).toBeHidden();
  await expect(conversation(page).getByText(`Snoozed until ${shown}`, { exact: true })).toBeVisible();
  await expect(conversation(page).getByText(new RegExp(`^${agent.name} snoozed this ticket until `))).toBeVisible();

  // Gone from Open; under Snoozed with the time it wakes.
  await expect(row(page, ticketId)).toHaveCount(0);
  await views(page).getByRole("link", { name: /^Snoozed/ }).click();
  await expect(row(page, ticketId)).toContainText(`Snoozed until ${shown}`);

  await page.getByRole("button", { name: "Unsnooze" }).click();
  await expect(conversation(page).getByText(/^Snoozed until/)).toHaveCount(0);
  await expect(conversation(page).getByText(`${agent.name} unsnoozed this ticket`)).toBeVisible();
  await expect(row(page, ticketId)).toHaveCount(0);
  await views(page).getByRole("link", { name: /^Open/ }).click();
  await expect(row(page, ticketId)).toBeVisible();
});

test("snoozes by keyboard, or until a date and time picked, and refuses a time that has passed", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "See you next week" });
  await openTicketPage(page, ticketId);

  await pressShortcut(page, "s");
  const dialog = page.getByRole("dialog", { name: "Snooze until…" });
  await expect(dialog.getByRole("button", { name: /^In 1 hour/ })).toBeFocused();
  await page.keyboard.press("Tab");
  const tomorrow = dialog.getByRole("button", { name: /^Tomorrow/ });
  await expect(tomorrow).toBeFocused();
  const shown = (await tomorrow.locator("span").last().textContent())!;
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(conversation(page).getByText(`Snoozed until ${shown}`, { exact: true })).toBeVisible();

  // Escape leaves the choices without snoozing again. The header has moved on to the snoozed
  // ticket first, so the key reaches it.
  await expect(page.getByRole("button", { name: "Change snooze" })).toBeVisible();
  await expect(async () => {
    await pressShortcut(page, "s");
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Change snooze" }).click();
  const picker = dialog.getByLabel("Pick a date and time");
  await picker.fill("2020-01-01T10:30");
  await dialog.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("That time has passed. Choose a time in the future.");
  await expect(conversation(page).getByText(`Snoozed until ${shown}`, { exact: true })).toBeVisible();

  const inFiveDays = new Date(Date.now() + 5 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  await picker.fill(`${inFiveDays.getFullYear()}-${pad(inFiveDays.getMonth() + 1)}-${pad(inFiveDays.getDate())}T10:30`);
  await dialog.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(dialog).toBeHidden();
  const expected = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(
    new Date(inFiveDays.getFullYear(), inFiveDays.getMonth(), inFiveDays.getDate(), 10, 30),
  );
  await expect(conversation(page).getByText(`Snoozed until ${expected}`, { exact: true })).toBeVisible();
});

test("a snoozed ticket wakes live in every open inbox: at its time, and at once when the customer writes", async ({ page, browser }) => {
  const phone = await page.context().newPage();
  const customer = customerNumber();
  await customerTexts(phone, customer, "Is my bike repaired?");
  const other = await (await browser.newContext({ storageState: adminState })).newPage();
  await other.goto("/tickets?view=snoozed");
  await page.goto("/tickets");
  const ticketId = await ticketOf(page, customer);

  // Snoozed for a few seconds (the API takes any time ahead): the job row wakes it, and both inboxes see it come back.
  await openTicketPage(page, ticketId);
  const until = await page.evaluate(async (id) => {
    const until = new Date(Date.now() + 4000).toISOString();
    const response = await fetch(`/api/tickets/${id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "snooze", until }) });
    return response.ok ? until : `refused ${response.status}`;
  }, ticketId);
  expect(until).not.toMatch(/^refused/);
  await expect(row(other, ticketId)).toBeVisible();
  await expect(other.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(row(other, ticketId)).toHaveCount(0, { timeout: 20_000 });
  await expect(conversation(page).getByText("Woke up: its snooze time came")).toBeVisible({ timeout: 20_000 });
  await expect(row(page, ticketId)).toBeVisible();

  // Snoozed for a day; the customer writes: it wakes at once, in the other inbox too.
  await page.getByRole("button", { name: "Snooze", exact: true }).click();
  await page.getByRole("dialog", { name: "Snooze until…" }).getByRole("button", { name: /^Tomorrow/ }).click();
  await expect(row(other, ticketId)).toBeVisible();
  await customerTexts(phone, customer, "Any news about the bike?");
  await expect(row(other, ticketId)).toHaveCount(0);
  await expect(conversation(page).getByText("Woke up: the customer wrote")).toBeVisible();
  await expect(conversation(page).getByText(/^Snoozed until/)).toHaveCount(0);
  await expect(row(page, ticketId)).toContainText(/Waiting \d+ min/);
  await other.context().close();
});

test.describe("waiting time and the first-response target", () => {
  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: adminState });
    const page = await context.newPage();
    await page.goto("/settings/business-hours");
    await page.getByLabel("Target", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save target" }).click();
    await expect(page.getByRole("status").filter({ hasText: "No first-response target" })).toBeVisible();
    await context.close();
  });

  test("an admin sets the target; the list shows each wait, sorts by waiting longest, marks and collects tickets past the target", async ({ page, browser }) => {
    test.setTimeout(150_000);
    const admin = await (await browser.newContext({ storageState: adminState })).newPage();
    await admin.goto("/settings/business-hours");
    const target = admin.getByLabel("Target", { exact: true });
    await target.fill("soon");
    await admin.getByRole("button", { name: "Save target" }).click();
    await expect(admin.getByText("Enter a number above 0, or leave it empty for no target.")).toBeVisible();
    await expect(target).toHaveAttribute("aria-invalid", "true");
    await target.fill("1");
    await admin.getByLabel("Unit", { exact: true }).selectOption("minutes");
    await admin.getByRole("button", { name: "Save target" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Target saved: a first answer within 1 min." })).toBeVisible();
    await admin.reload();
    await expect(admin.getByLabel("Target", { exact: true })).toHaveValue("1");
    await admin.context().close();

    // First customer writes; a moment later the second; a third conversation is the agent's own, so nobody waits on it.
    const phone = await page.context().newPage();
    const first = customerNumber();
    const second = customerNumber();
    await customerTexts(phone, first, "Where is order 1?");
    const firstWroteAt = Date.now();
    await customerTexts(phone, second, "Where is order 2?");
    const answered = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Your order shipped" });

    await page.goto(`/tickets?q=${encodeURIComponent(`integration:${desk.name} status:open`)}&view=open`);
    const firstId = await ticketOf(page, first);
    const secondId = await ticketOf(page, second);
    await expect(row(page, firstId)).toContainText(/Waiting \d+ min/);
    await expect(row(page, secondId)).toContainText(/Waiting \d+ min/);
    await expect(row(page, answered)).not.toContainText("Waiting");
    const mine = [answered, secondId, firstId];
    const order = async () =>
      (await page.getByRole("list", { name: "Tickets" }).locator("[data-ticket-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ticket-id")))).filter(
        (id) => id && mine.includes(id),
      );

    // Latest activity first: the agent's conversation, then the second customer, then the first.
    expect(await order()).toEqual([answered, secondId, firstId]);
    await page.getByLabel("Sort", { exact: true }).selectOption({ label: "Waiting longest first" });
    await expect(page).toHaveURL(/sort=waiting/);
    await expect.poll(order).toEqual([firstId, secondId, answered]);

    // A minute after the first customer wrote, their ticket is past the 1-minute target.
    await page.waitForTimeout(Math.max(0, firstWroteAt + 61_000 - Date.now()));
    await page.reload();
    await expect(row(page, firstId).getByText("Past target", { exact: true })).toBeVisible();
    await expect(row(page, answered).getByText("Past target", { exact: true })).toHaveCount(0);
    await views(page).getByRole("link", { name: /^Past target/ }).click();
    await expect(page).toHaveURL(/view=overdue/);
    await expect(row(page, firstId)).toBeVisible();
    await expect(row(page, answered)).toHaveCount(0);

    // An answer ends the wait: the ticket leaves Past target.
    await row(page, firstId).click();
    await page.getByLabel("Message", { exact: true }).fill("It arrives tomorrow");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(row(page, firstId)).toHaveCount(0);
  });
});
