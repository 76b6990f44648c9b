import { randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { addUserAsAdmin, adminState, agentState, signIn, uniqueEmail } from "./support/accounts";
import { customerNumber, setUpSmsIntegration, type SmsIntegration } from "./support/inbox";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Notify desk ${randomInt(1e6)}`);
});

/** A second agent, made by the admin, signed in in a browser of their own. */
async function secondAgent(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page; name: string }> {
  const name = `Nora Second ${randomInt(1e6)}`;
  const user = { name, email: uniqueEmail("nora"), password: "second agent pw 1" };
  const admin = await browser.newContext({ storageState: adminState });
  await addUserAsAdmin(await admin.newPage(), user);
  await admin.close();
  const context = await browser.newContext({ ...options, storageState: undefined });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/tickets/);
  return { context, page, name };
}

async function customerTexts(context: BrowserContext, body: string): Promise<string> {
  const customer = customerNumber();
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Customer phone number").fill(customer.local);
  await phone.getByLabel("Business number to text").selectOption(desk.display.replace(/\s/g, ""));
  await phone.getByRole("textbox", { name: "Message" }).fill(body);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phone.getByRole("list", { name: /^Messages between/ }).getByRole("listitem").filter({ hasText: body }).last()).toContainText("Delivered");
  await phone.close();
  return customer.e164;
}

async function liveInbox(page: Page) {
  await page.goto("/tickets?view=all");
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

/** What the tab's title counts: unread tickets that are mine or unassigned. */
async function titleCount(page: Page): Promise<number> {
  return Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);
}

/** The title's count once it shows what the server counts: my unread tickets and the unassigned ones. */
async function settledTitleCount(page: Page): Promise<number> {
  const counts = (await (await page.request.get("/api/tickets/counts")).json()) as { unread: { mine: number; unassigned: number } };
  const expected = counts.unread.mine + counts.unread.unassigned;
  await expect.poll(() => titleCount(page)).toBe(expected);
  return expected;
}

test("each agent reads for themselves: unread rows are bold, views and the tab's title count them, live", async ({ page, context, browser }) => {
  const nora = await secondAgent(browser);
  await liveInbox(page);
  await liveInbox(nora.page);
  const mineBefore = await settledTitleCount(page);
  const noraBefore = await settledTitleCount(nora.page);

  const question = `Is the blue one back in stock ${randomInt(1e6)}?`;
  await customerTexts(context, question);
  const rowOf = (where: Page) => where.getByRole("list", { name: "Tickets" }).getByRole("link", { name: new RegExp(question.replace("?", "\\?")) });
  for (const where of [page, nora.page]) {
    await expect(rowOf(where)).toContainText("Unread");
    await expect(rowOf(where).locator(".font-semibold").first()).toBeVisible();
  }
  await expect.poll(() => titleCount(page)).toBe(mineBefore + 1);
  await expect.poll(() => titleCount(nora.page)).toBe(noraBefore + 1);
  await expect(nora.page.getByRole("link", { name: /^Unassigned/ })).toContainText("unread");

  // I open it: read for me, still unread for Nora, in her open tab and after a reload.
  await rowOf(page).click();
  await expect(rowOf(page)).not.toContainText("Unread");
  await expect.poll(() => titleCount(page)).toBe(mineBefore);
  await nora.page.waitForTimeout(500);
  await expect(rowOf(nora.page)).toContainText("Unread");
  await nora.page.reload();
  await expect(rowOf(nora.page)).toContainText("Unread");
  await expect.poll(() => titleCount(nora.page)).toBe(noraBefore + 1);

  // Nora opens it in one tab; her other tab follows.
  const other = await nora.context.newPage();
  await liveInbox(other);
  await rowOf(nora.page).click();
  await expect(rowOf(other)).not.toContainText("Unread");
  await expect.poll(() => titleCount(other)).toBe(noraBefore);
  await nora.context.close();
});

test("notifications are off until an agent turns them on, ask the browser on that click, and follow their choices", async ({ page, context, browser }) => {
  const nora = await secondAgent(browser);
  // The browser's notifications, recorded instead of shown.
  await nora.context.addInitScript(() => {
    const seen: { title: string; body?: string }[] = [];
    Object.assign(window, { notificationsShown: seen, permissionAsked: false });
    class RecordedNotification {
      static permission = "default";
      static async requestPermission() {
        Object.assign(window, { permissionAsked: true });
        RecordedNotification.permission = "granted";
        return "granted";
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        seen.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.assign(window, { Notification: RecordedNotification });
  });
  const shown = () => nora.page.evaluate(() => (window as unknown as { notificationsShown: { title: string; body?: string }[] }).notificationsShown.map((n) => n.title));
  await liveInbox(nora.page);

  const first = `Quiet please ${randomInt(1e6)}`;
  await customerTexts(context, first);
  await expect(nora.page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: new RegExp(first) })).toBeVisible();
  expect(await shown()).toEqual([]);

  await nora.page.getByRole("button", { name: "Notifications" }).click();
  const panel = nora.page.getByRole("group", { name: "Notification settings" });
  const desktop = panel.getByRole("checkbox", { name: "Desktop notifications" });
  await expect(desktop).not.toBeChecked();
  await expect(panel.getByRole("checkbox", { name: "Sound" })).not.toBeChecked();
  await desktop.click();
  await expect(desktop).toBeChecked();
  expect(await nora.page.evaluate(() => (window as unknown as { permissionAsked: boolean }).permissionAsked)).toBe(true);
  await panel.getByRole("checkbox", { name: "Messages on my tickets" }).click();
  await expect(panel.getByRole("checkbox", { name: "Messages on my tickets" })).not.toBeChecked();

  const second = `Hello there ${randomInt(1e6)}`;
  const phone = await customerTexts(context, second);
  await expect.poll(shown).toEqual(["New ticket"]);

  // I assign that ticket to Nora; her browser tells her.
  await page.goto(`/tickets?view=all&q=${encodeURIComponent(phone)}`);
  await page.getByRole("list", { name: "Tickets" }).getByRole("link").first().click();
  await page.getByLabel("Assignee").selectOption({ label: nora.name });
  await expect.poll(shown).toEqual(["New ticket", "Ticket assigned to you"]);

  // The choices are hers, kept on the server.
  await nora.page.reload();
  await nora.page.getByRole("button", { name: "Notifications" }).click();
  await expect(panel.getByRole("checkbox", { name: "Desktop notifications" })).toBeChecked();
  await expect(panel.getByRole("checkbox", { name: "Messages on my tickets" })).not.toBeChecked();
  await nora.context.close();
});
