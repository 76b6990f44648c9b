import { randomInt } from "node:crypto";
import { type Browser, type Page } from "@playwright/test";
import { expect } from "./test";
import { adminState } from "./accounts";
import { addSmsIntegration, buyNumber } from "./numbers";
import { BURST_GAP_MS } from "../../lib/keyboard/burst";

/** A US customer number no other test uses; never ending 0003/0005/0006, which the sandbox fails on purpose. */
export function customerNumber(): { e164: string; local: string } {
  const line = String(randomInt(2000, 9000));
  const exchange = String(randomInt(201, 999));
  return { e164: `+1415${exchange}${line}`, local: `(415) ${exchange}-${line}` };
}

/**
 * How a customer's ticket is found in the list by its number: exchange and line together
 * (the last four digits alone also match a time or another number in some other row).
 */
export function numberPattern(customer: { e164: string }): RegExp {
  return new RegExp(`${customer.e164.slice(-7, -4)}\\D?${customer.e164.slice(-4)}`);
}

/** An admin buys a sandbox number and puts an SMS integration on it; returns the integration's name. */
export interface SmsIntegration {
  name: string;
  display: string;
}

export async function setUpSmsIntegration(browser: Browser, name: string): Promise<SmsIntegration> {
  const context = await browser.newContext({ storageState: adminState });
  const page = await context.newPage();
  const display = await buyNumber(page, { areaCode: "415" });
  await addSmsIntegration(page, name, display);
  await context.close();
  return { name, display };
}

/** Starts a conversation from the inbox, as an agent would, and waits for its ticket to open. */
export async function startConversation(page: Page, { phone, integration, body }: { phone: string; integration: SmsIntegration; body: string }): Promise<string> {
  await page.goto("/tickets");
  await page.getByRole("button", { name: "New conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "New conversation" });
  await dialog.getByLabel("Customer's phone number").fill(phone);
  await dialog.getByLabel("Send from").selectOption({ label: `${integration.name} (${integration.display})` });
  await dialog.getByLabel("First message").fill(body);
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The integration's id, read from the new-conversation form's options. */
export async function integrationIdOf(page: Page, integration: SmsIntegration): Promise<string> {
  await page.goto("/tickets");
  await page.getByRole("button", { name: "New conversation" }).click();
  const option = page.getByRole("dialog", { name: "New conversation" }).getByLabel("Send from").locator("option", { hasText: integration.name });
  const id = await option.getAttribute("value");
  await page.keyboard.press("Escape");
  return id!;
}

/** Same as startConversation, through the JSON API with the page's session: for seeding many tickets fast. */
export async function startConversationByApi(page: Page, { phone, integrationId, body }: { phone: string; integrationId: string; body: string }): Promise<string> {
  const response = await page.request.post("/api/tickets", { multipart: { phone, integrationId, body } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { ticketId: string }).ticketId;
}

export function conversation(page: Page) {
  return page.getByRole("region", { name: /^Conversation with / });
}

/** The bubble holding `text`, with its sender and delivery line. */
export function bubble(page: Page, text: string | RegExp) {
  return conversation(page).getByRole("article").filter({ hasText: text });
}

/** Opens a ticket and waits until the page is live (hydrated, listening), so keys reach it. */
export async function openTicketPage(page: Page, ticketId: string) {
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

/**
 * Presses a single-key shortcut as a person does, on its own: keys typed straight after it
 * would belong to the same burst of typing and be kept out of the box it opened.
 */
export async function pressShortcut(page: Page, key: string) {
  await page.keyboard.press(key);
  await page.waitForTimeout(BURST_GAP_MS + 150);
}
