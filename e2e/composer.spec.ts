import { randomInt } from "node:crypto";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { admin, adminState, agent, agentState } from "./support/accounts";
import { bubble, conversation, customerNumber, openTicketPage, setUpSmsIntegration, startConversation, type SmsIntegration } from "./support/inbox";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Composer desk ${randomInt(1e6)}`);
});

function messageBox(page: Page) {
  return page.getByLabel("Message", { exact: true });
}

function row(page: Page, preview: string) {
  return page.getByRole("list", { name: "Tickets" }).getByRole("link", { name: new RegExp(preview) });
}

/** Resolves once the browser has saved a draft of this kind with this text. */
function draftSaved(page: Page, kind: "reply" | "note", body: string) {
  return page.waitForResponse(
    (response) => response.url().endsWith("/draft") && response.request().method() === "PUT" && response.request().postData()?.includes(JSON.stringify(body).slice(1, -1)) === true && response.ok(),
  );
}

async function secondAgent(browser: Browser) {
  const context = await browser.newContext({ storageState: adminState });
  return { context, page: await context.newPage() };
}

test("a half-written reply survives switching tickets, reloading and another device; the list marks it; sending clears it", async ({ page, browser }) => {
  // Several pages and browsers, one after another.
  test.setTimeout(120_000);
  const first = `Draft one ${randomInt(1e6)}`;
  const second = `Draft two ${randomInt(1e6)}`;
  const firstId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: first });
  await startConversation(page, { phone: customerNumber().e164, integration: desk, body: second });
  await openTicketPage(page, firstId);
  await expect(row(page, first).getByText("Draft", { exact: true })).toHaveCount(0);

  const saved = draftSaved(page, "reply", "Half-written answer");
  await messageBox(page).fill("Half-written answer");
  await saved;
  await expect(row(page, first).getByText("Draft", { exact: true })).toBeVisible();

  await row(page, second).click();
  await expect(bubble(page, second)).toBeVisible();
  await expect(messageBox(page)).toHaveValue("");
  await row(page, first).click();
  await expect(messageBox(page)).toHaveValue("Half-written answer");

  await page.reload();
  await expect(messageBox(page)).toHaveValue("Half-written answer");

  // Another device: a new browser signed in as the same agent.
  const laptop = await browser.newContext({ storageState: agentState });
  const other = await laptop.newPage();
  await openTicketPage(other, firstId);
  await expect(messageBox(other)).toHaveValue("Half-written answer");
  await messageBox(other).fill("Half-written answer, finished on the laptop");
  await other.getByRole("button", { name: "Send", exact: true }).click();
  await expect(bubble(other, "Half-written answer, finished on the laptop")).toBeVisible();
  await expect(messageBox(other)).toHaveValue("");
  await laptop.close();

  await page.reload();
  await expect(messageBox(page)).toHaveValue("");
  await expect(row(page, "Half-written answer, finished on the laptop")).toBeVisible();
  await expect(row(page, "Half-written answer, finished on the laptop").getByText("Draft", { exact: true })).toHaveCount(0);
});

test("a reply typed just before leaving the page is kept; a note keeps its own draft; an over-long draft is refused in words", async ({ page }) => {
  // Several pages and browsers, one after another.
  test.setTimeout(120_000);
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: `Leaving ${randomInt(1e6)}` });
  await openTicketPage(page, ticketId);
  await messageBox(page).fill("Typed, then straight to another page");
  // No pause for the save: leaving the page sends it.
  await page.goto("/sandbox/phone");
  await openTicketPage(page, ticketId);
  await expect(messageBox(page)).toHaveValue("Typed, then straight to another page");

  await page.getByRole("button", { name: "Internal note" }).click();
  const note = page.getByLabel("Internal note", { exact: true }).last();
  await expect(note).toHaveValue("");
  const saved = draftSaved(page, "note", "Ask the warehouse");
  await note.fill("Ask the warehouse");
  await saved;
  await note.fill("x".repeat(1601));
  const refusal = page.getByRole("form", { name: "Internal note" }).getByText(/Drafts are kept up to 1,600 characters and this one has 1,601/);
  await expect(refusal).toBeVisible();
  await expect(note).toHaveValue("x".repeat(1601));

  await page.reload();
  await expect(messageBox(page)).toHaveValue("Typed, then straight to another page");
  await page.getByRole("button", { name: "Internal note" }).click();
  await expect(page.getByLabel("Internal note", { exact: true }).last()).toHaveValue("Ask the warehouse");
});

test("text begun while a reply is on its way stays in the box, and in the draft", async ({ page }) => {
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: `Where is my parcel ${randomInt(1e6)}?` });
  await openTicketPage(page, ticketId);
  // The reply's request waits until the agent has begun the next one.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/tickets/${ticketId}/messages`, async (route) => {
    await held;
    await route.continue();
  });
  const sent = page.waitForRequest((request) => request.url().endsWith(`/api/tickets/${ticketId}/messages`) && request.method() === "POST");
  await messageBox(page).fill("It left the warehouse today");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await sent;
  const saved = draftSaved(page, "reply", "Tracking link to follow");
  await messageBox(page).fill("Tracking link to follow");
  await saved;
  release();

  await expect(bubble(page, "It left the warehouse today")).toBeVisible();
  // Send is back once the browser has taken the answer in.
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled();
  await expect(messageBox(page)).toHaveValue("Tracking link to follow");
  await page.unroute(`**/api/tickets/${ticketId}/messages`);
  await page.reload();
  await expect(messageBox(page)).toHaveValue("Tracking link to follow");
});

test("two agents on one ticket see each other and who is typing; a reply that crossed another's asks first", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const question = `Can I get a refund ${randomInt(1e6)}?`;
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: question });
  await openTicketPage(page, ticketId);
  const second = await secondAgent(browser);
  await openTicketPage(second.page, ticketId);

  const alsoHere = (on: Page) => on.getByRole("status", { name: "Also on this ticket" });
  await expect(alsoHere(page)).toHaveText(`${admin.name} is viewing`);
  await expect(alsoHere(second.page)).toHaveText(`${agent.name} is viewing`);

  await messageBox(page).fill("I will refund you today");
  await expect(alsoHere(second.page)).toHaveText(`${agent.name} is typing a reply…`);

  await messageBox(second.page).fill("Your refund went out this morning");
  await second.page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(bubble(second.page, "Your refund went out this morning")).toBeVisible();

  await page.getByRole("button", { name: "Send", exact: true }).click();
  const crossed = page.getByRole("alert", { name: "New messages since you began" });
  await expect(crossed).toContainText(admin.name);
  await expect(crossed).toContainText("Your refund went out this morning");
  await expect(bubble(page, "I will refund you today")).toHaveCount(0);
  await crossed.getByRole("button", { name: "Review" }).click();
  await expect(crossed).toHaveCount(0);
  await expect(messageBox(page)).toHaveValue("I will refund you today");
  await messageBox(page).fill("As Ada said, your refund is on its way");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(bubble(page, "As Ada said, your refund is on its way")).toBeVisible();
  // The send has finished (the box is emptied) before the next reply begins.
  await expect(messageBox(page)).toHaveValue("");

  // Again, and this time the agent sends anyway.
  await messageBox(page).fill("Anything else?");
  await second.page.getByRole("button", { name: "Internal note" }).click();
  await second.page.getByLabel("Internal note", { exact: true }).last().fill("Customer is happy");
  await second.page.getByRole("button", { name: "Add note" }).click();
  // The note in the thread: its text alone is also in the note's box until the note is stored.
  await expect(conversation(second.page).getByRole("article").filter({ hasText: "Customer is happy" })).toBeVisible();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(crossed).toContainText(`${admin.name} (internal note)`);
  await crossed.getByRole("button", { name: "Send anyway" }).click();
  await expect(bubble(page, "Anything else?")).toBeVisible();
  await expect(crossed).toHaveCount(0);

  // The other agent leaves: gone from the header.
  await second.context.close();
  await expect(alsoHere(page)).not.toContainText(admin.name, { timeout: 40_000 });
});

test("on a closed ticket the composer says so; Send reopens it, and Send & close (button or Ctrl+Shift+Enter) closes it", async ({ page }) => {
  // Several pages and browsers, one after another.
  test.setTimeout(120_000);
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: `Closing ${randomInt(1e6)}` });
  await openTicketPage(page, ticketId);
  const form = page.getByRole("form", { name: "Reply" });
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(form.getByRole("status")).toHaveText("This ticket is closed. Sending a reply opens it again.");

  await messageBox(page).fill("One more thing");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(bubble(page, "One more thing")).toBeVisible();
  await expect(page.getByRole("button", { name: "Close", exact: true })).toBeVisible();
  await expect(conversation(page).getByText(`${agent.name} reopened this ticket`)).toBeVisible();
  await expect(form.getByRole("status")).toHaveCount(0);

  await messageBox(page).fill("Closing it for you");
  await page.keyboard.press("Control+Shift+Enter");
  await expect(bubble(page, "Closing it for you")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  await page.getByRole("button", { name: "Reopen" }).click();
  // Reopened before the next reply goes: else Send & close could land first, and the reopening after it.
  await expect(page.getByRole("button", { name: "Close", exact: true })).toBeVisible();
  await messageBox(page).fill("Done, closing again");
  await page.getByRole("button", { name: "Send & close" }).click();
  await expect(bubble(page, "Done, closing again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
});

test("a closed ticket leads to the customer's open one and keeps replies there; Other tickets follows live", async ({ page, browser }) => {
  // Several pages and browsers, one after another.
  test.setTimeout(120_000);
  const customer = customerNumber();
  const old = `Old matter ${randomInt(1e6)}`;
  const oldId = await startConversation(page, { phone: customer.e164, integration: desk, body: old });
  await openTicketPage(page, oldId);
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  const panel = page.getByRole("complementary", { name: "Customer" });
  await expect(panel.getByText("None")).toBeVisible();

  // The other agent starts a new conversation with the same customer on the same number.
  const second = await secondAgent(browser);
  const fresh = `New matter ${randomInt(1e6)}`;
  const freshId = await startConversation(second.page, { phone: customer.e164, integration: desk, body: fresh });
  const freshLink = panel.getByRole("link", { name: new RegExp(fresh) });
  await expect(freshLink).toContainText("Open");

  const form = page.getByRole("form", { name: "Reply" });
  await expect(form.getByRole("status")).toContainText("replies from here are off");
  await messageBox(page).fill("Answering on the old ticket");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Send & close" })).toBeDisabled();

  // The other agent closes the new ticket: this panel and the composer follow without a reload.
  await openTicketPage(second.page, freshId);
  await second.page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(freshLink).toContainText("Closed");
  await expect(form.getByRole("status")).toHaveText("This ticket is closed. Sending a reply opens it again.");
  await second.page.getByRole("button", { name: "Reopen" }).click();
  await expect(freshLink).toContainText("Open");

  await form.getByRole("link", { name: "Go to the open ticket" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${freshId}`));
  await expect(bubble(page, fresh)).toBeVisible();
  await second.context.close();
});
