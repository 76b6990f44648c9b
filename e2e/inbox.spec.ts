import { randomInt } from "node:crypto";
import { expect, test } from "./support/test";
import sharp from "sharp";
import { agent, agentState } from "./support/accounts";
import { bubble, conversation, customerNumber, integrationIdOf, openTicketPage, pressShortcut, setUpSmsIntegration, startConversation, startConversationByApi, type SmsIntegration } from "./support/inbox";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Inbox desk ${randomInt(1e6)}`);
});

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082", "hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

test("an agent texts a customer first, in the number's local format, and sees the reply delivered", async ({ page }) => {
  const customer = customerNumber();
  await startConversation(page, { phone: customer.local, integration: desk, body: "Hi! Your order #1042 is ready for pickup." });

  await expect(conversation(page).getByRole("heading", { name: customer.e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "+1 $1 $2 $3") })).toBeVisible();
  const sent = bubble(page, "Your order #1042 is ready for pickup.");
  await expect(sent).toContainText(agent.name);
  // Stored first, then handed to the sandbox carrier, whose callbacks move it along.
  await expect(sent.getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
  await expect(conversation(page).getByText(`${agent.name} started this conversation`)).toBeVisible();
});

test("the new-conversation form says how a local number is read, and starts clean each time", async ({ page }) => {
  await page.goto("/tickets");
  await page.getByRole("button", { name: "New conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "New conversation" });
  await dialog.getByLabel("Send from").selectOption({ label: `${desk.name} (${desk.display})` });
  const phone = dialog.getByLabel("Customer's phone number");
  await expect(phone).toHaveAccessibleDescription(/a United States number as written there, like \(201\) 555-0123/);
  await phone.fill("abc");
  await dialog.getByLabel("First message").fill("Hello there");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(phone).toHaveAccessibleDescription(/“abc” is not a phone number/);
  // Typing again clears the old error; so does closing and opening the form.
  await phone.fill("abcd");
  await expect(phone).not.toHaveAccessibleDescription(/is not a phone number/);
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(phone).toHaveAccessibleDescription(/“abcd” is not a phone number/);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "New conversation" }).click();
  await expect(dialog.getByLabel("Customer's phone number")).not.toHaveAccessibleDescription(/is not a phone number/);
});

test("the reply is written, sent and the ticket closed with the keyboard alone", async ({ page }) => {
  const customer = customerNumber();
  const ticketId = await startConversation(page, { phone: customer.e164, integration: desk, body: "First message" });
  await openTicketPage(page, ticketId);

  await pressShortcut(page, "r");
  await expect(page.getByLabel("Message", { exact: true })).toBeFocused();
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Control+Enter");
  await expect(bubble(page, "Typed without a mouse")).toBeVisible();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");

  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Message", { exact: true })).not.toBeFocused();
  await page.keyboard.press("e");
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(conversation(page).getByText(`${agent.name} closed this ticket`)).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/tickets(\?|$)/);
});

test("j and k move to the next and previous ticket, from the list and from a ticket", async ({ page }) => {
  const integrationId = await integrationIdOf(page, desk);
  const marker = `plum${randomInt(1e6)}`;
  const ids: string[] = [];
  for (const index of [0, 1, 2]) ids.push(await startConversationByApi(page, { phone: customerNumber().e164, integrationId, body: `Queue ${index} ${marker}` }));
  // Newest activity first: the last one started is at the top.
  const [top, middle, bottom] = [ids[2]!, ids[1]!, ids[0]!];
  const list = page.getByRole("list", { name: "Tickets" });
  const selected = list.locator('a[aria-current="page"]');
  const at = (ticketId: string) => new RegExp(`/tickets/${ticketId}\\?`);

  await page.goto(`/tickets?view=all&q=${marker}`);
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(selected).toHaveCount(0);

  await page.keyboard.press("j");
  await expect(page).toHaveURL(at(top));
  await expect(selected).toHaveAttribute("data-ticket-id", top);
  await expect(conversation(page)).toContainText(`Queue 2 ${marker}`);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(at(middle));
  await expect(selected).toHaveAttribute("data-ticket-id", middle);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(at(bottom));
  await expect(conversation(page)).toContainText(`Queue 0 ${marker}`);
  // Past the last ticket, j stays put.
  await page.keyboard.press("j");
  await expect(page).toHaveURL(at(bottom));
  await page.keyboard.press("k");
  await expect(page).toHaveURL(at(middle));
  await expect(selected).toHaveAttribute("data-ticket-id", middle);

  // Straight onto a ticket page: k goes up, j comes back down.
  await openTicketPage(page, `${middle}?view=all&q=${marker}`);
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await page.keyboard.press("k");
  await expect(page).toHaveURL(at(top));
  await expect(selected).toHaveAttribute("data-ticket-id", top);
  await expect(conversation(page)).toContainText(`Queue 2 ${marker}`);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(at(middle));
  await expect(selected).toHaveAttribute("data-ticket-id", middle);
  await expect(conversation(page)).toContainText(`Queue 1 ${marker}`);
});

test("text over the integration's limit cannot be sent, and the counter names what forces Unicode", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Hello" });
  await page.goto(`/tickets/${ticketId}`);
  const box = page.getByLabel("Message", { exact: true });

  await box.fill("It’s ready");
  await expect(page.getByText("10 / 160 · Unicode · 1 SMS")).toBeVisible();
  await expect(page.getByText("The curly apostrophe ’ (use ') forces Unicode, so each SMS holds 70 characters instead of 160.")).toBeVisible();

  await box.fill("a".repeat(161));
  await expect(page.getByText("161 / 160 · GSM-7 · 2 SMS — 1 over the limit; shorten the message to send it.")).toBeVisible();
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  await box.press("Control+Enter");
  await expect(conversation(page).getByRole("article")).toHaveCount(1);
});

test("a PDF cannot be attached, a picture can, and goes out as MMS", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Send us a photo?" });
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByRole("button", { name: "Attach pictures" })).toBeEnabled();

  const reply = page.getByRole("form", { name: "Reply" });
  await page.getByLabel("Pictures to attach").setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(reply.getByRole("alert")).toHaveText("“invoice.pdf” is not a picture MMS can carry: PNG, JPG or GIF (WebP, BMP and TIFF are sent as JPG).");
  // Renaming does not help: the bytes decide.
  await page.getByLabel("Pictures to attach").setInputFiles({ name: "invoice.png", mimeType: "image/png", buffer: PDF });
  await expect(reply.getByRole("alert")).toHaveText("“invoice.png” is not a picture MMS can carry: PNG, JPG or GIF (WebP, BMP and TIFF are sent as JPG).");
  await expect(page.getByRole("list", { name: "Pictures to send" })).toHaveCount(0);

  await page.getByLabel("Pictures to attach").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("list", { name: "Pictures to send" })).toContainText("label.png");
  await page.getByLabel("Message", { exact: true }).fill("Here is your label");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const mms = bubble(page, "Here is your label");
  await expect(mms.getByRole("img", { name: "Picture label.png" })).toBeVisible();
  await expect(mms.getByTestId("delivery-state")).toHaveText("Delivered", { timeout: 20_000 });
});

test("a conversation opens on its newest message, and stays there as pictures load", async ({ page }) => {
  const marker = `scroll${randomInt(1e6)}`;
  const ticketId = await startConversationByApi(page, { phone: customerNumber().e164, integrationId: await integrationIdOf(page, desk), body: `Opening line ${marker}` });
  for (const index of [1, 2, 3, 4, 5, 6]) {
    const response = await page.request.post(`/api/tickets/${ticketId}/messages`, { multipart: { body: `Update ${index} on your order` } });
    expect(response.status()).toBe(201);
  }
  const tall = await sharp({ create: { width: 120, height: 600, channels: 3, background: "#7aa2f7" } }).png().toBuffer();
  const last = await page.request.post(`/api/tickets/${ticketId}/messages`, {
    multipart: { body: "And here is the parcel", files: { name: "parcel.png", mimeType: "image/png", buffer: tall } },
  });
  expect(last.status()).toBe(201);

  // Opened from the list, in the page: the pictures load after the conversation first shows.
  await page.goto(`/tickets?view=all&q=${marker}`);
  await page.getByRole("list", { name: "Tickets" }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}`));
  const newest = bubble(page, "And here is the parcel");
  await expect.poll(() => newest.getByAltText("Picture parcel.png", { exact: true }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The picture made the conversation taller after it first scrolled: the newest message is still in full view.
  await expect(newest.getByTestId("delivery-state")).toBeInViewport({ ratio: 1 });
  await expect(bubble(page, `Opening line ${marker}`)).not.toBeInViewport();
});

test("a message that looks like it breaks the messaging policy needs an explicit Send anyway", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Hello there" });
  await page.goto(`/tickets/${ticketId}`);
  await page.getByLabel("Message", { exact: true }).fill("CBD gummies 50% off");
  await page.getByRole("button", { name: "Send", exact: true }).click();

  const warning = page.getByRole("form", { name: "Reply" }).getByRole("alert").filter({ hasText: "Messaging policy warning" });
  await expect(warning).toContainText("Messaging policy warning: Federally illegal substances");
  await expect(warning).toContainText("“CBD” looks like federally illegal substances");
  await expect(bubble(page, "CBD gummies")).toHaveCount(0);

  await warning.getByRole("button", { name: "Send anyway" }).click();
  await expect(bubble(page, "CBD gummies 50% off")).toContainText("Sent despite a messaging policy warning (Federally illegal substances)");
  await expect(conversation(page).getByText(`${agent.name} sent a message despite a messaging policy warning (Federally illegal substances)`)).toBeVisible();
});

test("an internal note stays inside, shown apart from messages", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Customer-facing text" });
  await openTicketPage(page, ticketId);
  await pressShortcut(page, "n");
  await expect(page.getByRole("button", { name: "Internal note" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Internal note", { exact: true }).last().fill("VIP: refund without asking for a photo");
  await page.getByRole("button", { name: "Add note" }).click();

  const note = conversation(page).getByRole("article", { name: `Internal note from Note by ${agent.name}` });
  await expect(note).toContainText("Internal note · not sent");
  await expect(note).toContainText("VIP: refund without asking for a photo");
  await expect(note.getByTestId("delivery-state")).toHaveCount(0);
});

test("assign to me, to nobody, close and reopen; each shows on the timeline and in the views", async ({ page }) => {
  const customer = customerNumber();
  const ticketId = await startConversation(page, { phone: customer.e164, integration: desk, body: "Who takes this?" });
  await page.goto(`/tickets/${ticketId}`);
  const assignee = page.getByLabel("Assignee");
  // Starting a conversation assigns it to whoever started it.
  await expect(assignee).toHaveValue(/[0-9a-f-]{36}/);

  await assignee.selectOption({ label: "Unassigned" });
  await expect(conversation(page).getByText(`${agent.name} unassigned this ticket`)).toBeVisible();
  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(conversation(page).getByText(`${agent.name} took this ticket`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);

  await page.getByRole("link", { name: /^Mine/ }).click();
  await expect(page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: /Who takes this\?/ })).toBeVisible();

  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: /Who takes this\?/ })).toHaveCount(0);
  await page.getByRole("link", { name: /^Closed/ }).click();
  await expect(page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: /Who takes this\?/ })).toBeVisible();

  await page.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByRole("button", { name: "Close", exact: true })).toBeVisible();
  await expect(conversation(page).getByText(`${agent.name} reopened this ticket`)).toBeVisible();
});

test("the list pages with Load more, and finds tickets by number, part of a number, name and message words", async ({ page }) => {
  // 52 conversations are started first, one request each (each sends its first text), six
  // at a time; the last one alone, so that it is the newest.
  test.setTimeout(120_000);
  const integrationId = await integrationIdOf(page, desk);
  const marker = `kiwi${randomInt(1e6)}`;
  const numbers = Array.from({ length: 52 }, () => customerNumber());
  const start = (index: number) => startConversationByApi(page, { phone: numbers[index]!.e164, integrationId, body: `Seeded ${index} ${marker}` });
  for (let first = 0; first < 51; first += 6) {
    await Promise.all(Array.from({ length: Math.min(6, 51 - first) }, (_, offset) => start(first + offset)));
  }
  await start(51);
  await page.goto("/tickets?view=all");
  const list = page.getByRole("complementary", { name: "Ticket list" });
  const rows = list.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  await expect(rows).toHaveCount(50);
  // Newest first: the last one started is at the top.
  await expect(rows.first()).toContainText(`Seeded 51 ${marker}`);
  await list.getByRole("button", { name: "Load more" }).click();
  await expect.poll(() => rows.count()).toBeGreaterThan(50);
  const hrefs = await list.getByRole("list", { name: "Tickets" }).getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  expect(new Set(hrefs).size).toBe(hrefs.length);

  const search = page.getByLabel("Search tickets");
  await search.fill(marker);
  await expect(rows).toHaveCount(50);
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));

  const target = numbers[7]!;
  await search.fill(target.local);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Seeded 7 ${marker}`);
  await search.fill(target.e164.slice(-7, -1));
  await expect(rows.filter({ hasText: `Seeded 7 ${marker}` })).toHaveCount(1);

  await rows.first().getByRole("link").click();
  await page.getByRole("button", { name: "Add name" }).click();
  await page.getByLabel("Customer name").fill(`Ada ${marker}`);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("complementary", { name: "Customer" })).toContainText(`Ada ${marker}`);
  await search.fill(`ada ${marker.slice(0, 6)}`);
  await expect(rows.filter({ hasText: `Ada ${marker}` })).toHaveCount(1);
});

test("on a narrow screen the customer panel opens from the ticket's header", async ({ page }) => {
  const customer = customerNumber();
  const ticketId = await startConversation(page, { phone: customer.e164, integration: desk, body: "Narrow screens too" });
  await page.setViewportSize({ width: 800, height: 720 });
  await page.goto(`/tickets/${ticketId}`);
  const panel = page.getByRole("complementary", { name: "Customer" });
  const toggle = page.getByRole("button", { name: "Customer", exact: true });
  await expect(panel).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(customer.e164.slice(-4));
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await panel.getByRole("button", { name: "Hide" }).click();
  await expect(panel).toBeHidden();
  // Wide again, the panel is always there and the toggle is not.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(panel).toBeVisible();
  await expect(toggle).toBeHidden();
});

test("on a phone the list and the open ticket take turns, and the ticket leads back to the list", async ({ page }) => {
  const customer = customerNumber();
  await startConversation(page, { phone: customer.e164, integration: desk, body: "Pocket-sized" });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/tickets?view=all&q=${encodeURIComponent(customer.e164)}`);
  const list = page.getByRole("complementary", { name: "Ticket list" });
  const conversationPane = page.getByRole("main", { name: "Conversation" });
  await expect(conversationPane).toBeHidden();
  const row = list.getByRole("link", { name: /Pocket-sized/ });
  expect((await row.boundingBox())?.width).toBeGreaterThan(350);

  await row.click();
  await expect(list).toBeHidden();
  await expect(bubble(page, "Pocket-sized")).toBeVisible();
  expect((await conversationPane.boundingBox())?.width).toBeGreaterThan(350);
  await conversationPane.getByRole("link", { name: "← All tickets" }).click();
  await expect(row).toBeVisible();
  await expect(conversationPane).toBeHidden();
  // A wide screen shows both, and no way back is needed.
  await row.click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(list).toBeVisible();
  await expect(conversationPane.getByRole("link", { name: "← All tickets" })).toBeHidden();
});

test("a conversation started in one browser appears live in another, and so do replies", async ({ page, browser }) => {
  const watcherContext = await browser.newContext({ storageState: agentState });
  const watcher = await watcherContext.newPage();
  await watcher.goto("/tickets?view=all");
  await expect(watcher.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  const body = `Live ${randomInt(1e6)}`;
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body });
  const row = watcher.getByRole("list", { name: "Tickets" }).getByRole("link", { name: new RegExp(body) });
  await expect(row).toBeVisible({ timeout: 5_000 });

  await row.click();
  await expect(bubble(watcher, body)).toBeVisible();
  await page.goto(`/tickets/${ticketId}`);
  await page.getByLabel("Message", { exact: true }).fill("Second reply, seen by the other agent");
  await page.keyboard.press("Control+Enter");
  await expect(bubble(watcher, "Second reply, seen by the other agent")).toBeVisible({ timeout: 5_000 });
  await watcherContext.close();
});
