import { randomInt } from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { agent, agentState } from "./support/accounts";
import { bubble, conversation, customerNumber, pressShortcut, setUpSmsIntegration, startConversation, type SmsIntegration } from "./support/inbox";

// The customer's side is the sandbox's phone simulator; the business's side is the inbox.
test.use({ storageState: agentState });

let desk: SmsIntegration;
let business: string;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Live desk ${randomInt(1e6)}`);
  business = desk.display.replace(/\s/g, "");
});

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

async function openPhone(page: Page, customer: string) {
  await page.goto("/sandbox/phone");
  await page.getByLabel("Customer phone number").fill(customer);
  await page.getByLabel("Business number to text").selectOption(business);
}

/** The customer texts; the carrier hands it to the app, which answers the webhook ("Delivered" on the phone). */
async function text(phone: Page, body: string) {
  await phone.getByRole("textbox", { name: "Message" }).fill(body);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phoneMessages(phone).filter({ hasText: body }).last()).toContainText("Delivered");
}

function phoneMessages(phone: Page) {
  return phone.getByRole("list", { name: /^Messages between/ }).getByRole("listitem");
}

async function liveInbox(page: Page) {
  await page.goto("/tickets?view=all");
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

test("a customer texts, the ticket appears live, and the agent's reply reaches the phone delivered", async ({ page, context }) => {
  const phone = await context.newPage();
  const customer = customerNumber();
  await liveInbox(page);
  await openPhone(phone, customer.local);
  const question = `Where is my order ${randomInt(1e6)}?`;
  await text(phone, question);

  const row = page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: new RegExp(question.replace("?", "\\?")) });
  await expect(row).toBeVisible({ timeout: 5_000 });
  await expect(row).toContainText("Unread");
  await row.click();
  await expect(bubble(page, question)).toBeVisible();
  await expect(row).not.toContainText("Unread");

  await pressShortcut(page, "r");
  await expect(page.getByLabel("Message", { exact: true })).toBeFocused();
  await page.keyboard.type("It ships today!");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("It ships today!");
  await page.keyboard.press("Control+Enter");
  await expect(bubble(page, "It ships today!").getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
  await expect(phoneMessages(phone).filter({ hasText: "It ships today!" })).toBeVisible();
});

test("MMS both ways: the customer's picture shows inline, a PDF is noted as not supported, the agent's picture reaches the phone", async ({ page, context }) => {
  const phone = await context.newPage();
  const customer = customerNumber();
  await openPhone(phone, customer.local);
  await phone.getByLabel("Attach files").setInputFiles([
    { name: "parcel.png", mimeType: "image/png", buffer: PNG },
    { name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") },
  ]);
  await phone.getByRole("textbox", { name: "Message" }).fill("Damaged on arrival");
  await phone.getByRole("button", { name: "Send with 2 files" }).click();
  await expect(phoneMessages(phone).filter({ hasText: "Damaged on arrival" })).toContainText("Delivered");

  await page.goto("/tickets?view=all");
  await page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: /Damaged on arrival/ }).click();
  const received = bubble(page, "Damaged on arrival");
  await expect(received.getByRole("img")).toBeVisible();
  expect(await received.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(received).toContainText("Attachment not supported (application/pdf)");

  await received.getByRole("button", { name: /^Enlarge picture/ }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.getByLabel("Pictures to attach").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(conversation(page).getByRole("article", { name: `Message from ${agent.name}` }).getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
  await expect(phoneMessages(phone).filter({ has: phone.getByRole("img") }).last()).toBeVisible();
});

test("STOP locks the composer, saying why and what unlocks it; START unlocks it, live", async ({ page, context }) => {
  const phone = await context.newPage();
  const customer = customerNumber();
  await openPhone(phone, customer.local);
  await text(phone, "Hello, question about sizes");
  await page.goto("/tickets?view=all");
  await page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: /question about sizes/ }).click();
  const box = page.getByLabel("Message", { exact: true });
  await expect(box).toBeEnabled();

  await text(phone, "STOP");
  const reply = page.getByRole("form", { name: "Reply" });
  await expect(reply.getByRole("status")).toContainText(/replied STOP on \d{1,2} \w{3}\. You can reply after they text START\./);
  await expect(box).toBeDisabled();
  await expect(reply.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  await expect(conversation(page).getByText("Customer unsubscribed by replying STOP")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Customer" })).toContainText("Opted out: replied STOP");
  await expect(page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: /STOP/ })).toContainText("Opted out");

  // Notes are internal, so they stay possible.
  await page.getByRole("button", { name: "Internal note" }).click();
  await expect(page.getByLabel("Internal note", { exact: true }).last()).toBeEnabled();
  await page.getByRole("button", { name: "Reply", exact: true }).click();

  await text(phone, "START");
  await expect(box).toBeEnabled();
  await expect(conversation(page).getByText("Customer subscribed again by replying START")).toBeVisible();
  await box.fill("Welcome back!");
  await page.keyboard.press("Control+Enter");
  await expect(bubble(page, "Welcome back!").getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
});

test("a failing number (30003) shows the reason in words, and Retry delivers once the phone is reachable", async ({ page, context }) => {
  const line = String(randomInt(200, 999));
  const customer = { e164: `+1415${line}0003`, local: `(415) ${line}-0003` };
  await startConversation(page, { phone: customer.local, integration: desk, body: "Your parcel is at the depot" });
  const sent = bubble(page, "Your parcel is at the depot");
  await expect(sent.getByTestId("delivery-state")).toHaveText("Not delivered", { timeout: 20_000 });
  await expect(sent).toContainText("The phone is switched off or unreachable.");

  const phone = await context.newPage();
  await openPhone(phone, customer.local);
  await phone.getByLabel("Reachable: deliver messages to this phone").check();
  await expect(phone.getByLabel("Reachable: deliver messages to this phone")).toBeChecked();

  await sent.getByRole("button", { name: "Retry" }).click();
  await expect(sent.getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
  await expect(sent).not.toContainText("switched off");
  await expect(conversation(page).getByText(`${agent.name} retried a message that did not go through`)).toBeVisible();
  await expect(phoneMessages(phone).filter({ hasText: "Your parcel is at the depot" }).last()).toContainText("Delivered");
});
