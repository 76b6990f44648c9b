import { randomInt } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { conversation, customerNumber, integrationIdOf, openTicketPage, setUpSmsIntegration, startConversationByApi, type SmsIntegration } from "./support/inbox";

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Macro desk ${randomInt(1e6)}`);
});

async function pageAs(browser: Browser, state: string): Promise<Page> {
  return (await browser.newContext({ storageState: state })).newPage();
}

async function newTicket(page: Page, body: string): Promise<string> {
  return startConversationByApi(page, { phone: customerNumber().e164, integrationId: await integrationIdOf(page, desk), body });
}

/** Picks a saved reply or macro from the composer's menu, from the keyboard. */
async function applyFromMenu(page: Page, title: string) {
  await page.getByRole("button", { name: "Insert saved reply" }).focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "Insert saved reply" });
  await menu.getByRole("menuitem", { name: new RegExp(title) }).focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
}

test("an admin makes a macro with text, a tag and close; an agent applies it, sees what it will do, and sends it", async ({ browser }) => {
  const n = randomInt(1e6);
  const title = `Resolved VIP ${n}`;
  const tag = `vip ${n}`;
  const admin = await pageAs(browser, adminState);
  await admin.goto("/settings/saved-replies/new");
  const form = admin.getByRole("form", { name: "New saved reply" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Reply text").fill("All sorted, {{customer.first_name|there}}!");
  await form.getByRole("button", { name: "Add an action" }).click();
  await form.getByLabel("Tag for action 1").fill(`VIP ${n}`);
  await form.getByRole("button", { name: "Add an action" }).click();
  await form.getByLabel("Action 2", { exact: true }).selectOption({ label: "Close the ticket" });
  // A snooze as well cannot be: said beside the action, in words.
  await form.getByRole("button", { name: "Add an action" }).click();
  await form.getByLabel("Action 3", { exact: true }).selectOption({ label: "Snooze" });
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(form.getByText("A macro can close the ticket or snooze it, not both. Remove one.")).toBeVisible();
  await expect(form.getByLabel("Action 3", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Remove action 3" }).click();
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(admin).toHaveURL(/\/settings\/saved-replies$/);
  await expect(admin.getByRole("listitem", { name: title })).toContainText(`Macro: will add tag ${tag} · close`);

  const page = await pageAs(browser, agentState);
  const ticketId = await newTicket(page, `Is my refund done? ${n}`);
  await openTicketPage(page, ticketId);
  await applyFromMenu(page, title);
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("All sorted, there!");
  const summary = page.getByRole("group", { name: `Macro “${title}”` });
  await expect(summary).toContainText(`Will add tag ${tag} · close when you send`);
  await page.getByRole("button", { name: "Send", exact: true }).click();

  await expect(summary).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Tags on this ticket" }).getByRole("listitem")).toHaveText([`${tag}×`]);
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(conversation(page).getByText(`Sam Agent added the tag “${tag}” (macro “${title}”)`)).toBeVisible();
  await expect(conversation(page).getByText(`Sam Agent closed this ticket (macro “${title}”)`)).toBeVisible();
  await expect(conversation(page).getByRole("article").filter({ hasText: "All sorted, there!" })).toBeVisible();
});

test("a macro without text is applied with Apply, and its actions can be taken off first", async ({ browser }) => {
  const n = randomInt(1e6);
  const title = `Tag and release ${n}`;
  const tag = `callback ${n}`;
  const admin = await pageAs(browser, adminState);
  await admin.goto("/settings/saved-replies/new");
  const form = admin.getByRole("form", { name: "New saved reply" });
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Add an action" }).click();
  await form.getByLabel("Tag for action 1").fill(tag);
  await form.getByRole("button", { name: "Add an action" }).click();
  await form.getByLabel("Action 2", { exact: true }).selectOption({ label: "Assign" });
  await form.getByLabel("Assign to, for action 2").selectOption({ label: "To nobody (unassign)" });
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(admin.getByRole("listitem", { name: title })).toContainText("No text: actions only");

  const page = await pageAs(browser, agentState);
  const ticketId = await newTicket(page, `Call me back ${n}`);
  await openTicketPage(page, ticketId);
  await applyFromMenu(page, title);
  const summary = page.getByRole("group", { name: `Macro “${title}”` });
  await expect(summary).toContainText(`Will add tag ${tag} · unassign when you press Apply`);
  await summary.getByRole("button", { name: `Remove the actions of macro “${title}”` }).click();
  await expect(summary).toHaveCount(0);

  await applyFromMenu(page, title);
  await summary.getByRole("button", { name: "Apply" }).focus();
  await page.keyboard.press("Enter");
  await expect(summary).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Tags on this ticket" }).getByRole("listitem")).toHaveText([`${tag}×`]);
  await expect(conversation(page).getByText(`Sam Agent added the tag “${tag}” (macro “${title}”)`)).toBeVisible();
  await expect(conversation(page).getByText(`Sam Agent unassigned this ticket (macro “${title}”)`)).toBeVisible();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");
});

test("admins let agents create their own macros, which only they see", async ({ browser }) => {
  const n = randomInt(1e6);
  const title = `My wrap-up ${n}`;
  const page = await pageAs(browser, agentState);
  await page.goto("/account");
  await page.getByRole("link", { name: "Your macros" }).click();
  await expect(page.getByRole("heading", { name: "Agents cannot create their own macros here" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New macro" })).toHaveCount(0);

  const admin = await pageAs(browser, adminState);
  await admin.goto("/settings/saved-replies");
  const setting = admin.getByRole("checkbox", { name: "Agents may create their own macros" });
  await setting.check();
  await expect(admin.getByText("Agents may now create their own macros")).toBeVisible();

  try {
    await page.reload();
    await page.getByRole("link", { name: "New macro" }).click();
    const form = page.getByRole("form", { name: "New saved reply" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Reply text").fill("Have a good day!");
    await form.getByRole("button", { name: "Add an action" }).click();
    await form.getByLabel("Action 1", { exact: true }).selectOption({ label: "Close the ticket" });
    await form.getByRole("button", { name: "Create saved reply" }).click();
    await expect(page).toHaveURL(/\/macros$/);
    await expect(page.getByRole("listitem", { name: title })).toContainText("Macro: will close");

    const ticketId = await newTicket(page, `Thanks ${n}`);
    await openTicketPage(page, ticketId);
    await applyFromMenu(page, title);
    await expect(page.getByRole("group", { name: `Macro “${title}”` })).toContainText("Will close when you send");

    await admin.reload();
    await expect(admin.getByRole("listitem", { name: title })).toContainText("Sam Agent's own");
  } finally {
    await admin.reload();
    await admin.getByRole("checkbox", { name: "Agents may create their own macros" }).uncheck();
    await expect(admin.getByText("Agents can no longer create or change their own macros.")).toBeVisible();
  }
});
