import { randomInt } from "node:crypto";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { bubble, customerNumber, openTicketPage, setUpSmsIntegration, startConversation } from "./support/inbox";

test("an admin saves a reply; an agent inserts it with the names filled in, edits around it and sends it", async ({ browser }) => {
  const title = `Order shipped ${randomInt(1e6)}`;
  const desk = await setUpSmsIntegration(browser, `Saved replies desk ${randomInt(1e6)}`);

  const adminContext = await browser.newContext({ storageState: adminState });
  const admin = await adminContext.newPage();
  await admin.goto("/settings");
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Saved replies" }).click();
  await expect(admin).toHaveURL(/\/settings\/saved-replies$/);
  await admin.getByRole("link", { name: "New saved reply" }).click();
  const form = admin.getByRole("form", { name: "New saved reply" });
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(form.getByText("Write the reply, or add at least one action to make it a macro.")).toBeVisible();
  await expect(form.getByLabel("Reply text")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Reply text").fill("Hi {{customer.name}}, your order from {{integration.name}} has shipped.");
  await expect(form.getByText("71 / 1600 characters")).toBeVisible();
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(admin).toHaveURL(/\/settings\/saved-replies$/);
  await expect(admin.getByRole("listitem", { name: title })).toContainText("Hi {{customer.name}}, your order from {{integration.name}} has shipped.");

  const agentContext = await browser.newContext({ storageState: agentState });
  const page = await agentContext.newPage();
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Where is my parcel?" });
  await openTicketPage(page, ticketId);
  await page.getByRole("button", { name: "Add name" }).click();
  await page.getByLabel("Customer name").fill("Ada Byron");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("complementary", { name: "Customer" })).toContainText("Ada Byron");

  const box = page.getByLabel("Message", { exact: true });
  await box.fill("Good news! ");
  const expected = `Good news! Hi Ada Byron, your order from ${desk.name} has shipped.`;

  // Keyboard only: open the menu, land on the first reply, Escape closes it and stays on the ticket.
  const opener = page.getByRole("button", { name: "Insert saved reply" });
  await opener.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Insert saved reply" });
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}`));

  await box.press("End");
  await opener.focus();
  await page.keyboard.press("ArrowDown");
  await menu.getByRole("menuitem", { name: new RegExp(title) }).focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(box).toHaveValue(expected);
  await expect(box).toBeFocused();
  await expect(page.getByText(`${expected.length} / 160 · GSM-7 · 1 SMS`)).toBeVisible();

  await page.keyboard.press("Control+Enter");
  await expect(bubble(page, expected)).toBeVisible();
  await expect(box).toHaveValue("");

  // The admin edits, then deletes it behind a confirmation.
  await admin.getByRole("link", { name: `Edit ${title}` }).click();
  await admin.getByLabel("Reply text").fill("Hi {{customer.name|friend}}, it has shipped.");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByRole("listitem", { name: title })).toContainText("Hi {{customer.name|friend}}, it has shipped.");
  await admin.getByRole("button", { name: `Delete ${title}` }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Delete saved reply" }).click();
  await expect(admin.getByRole("status")).toContainText(`Deleted “${title}”.`);
  await expect(admin.getByRole("listitem", { name: title })).toHaveCount(0);

  await adminContext.close();
  await agentContext.close();
});

test("the editor counts a saved reply as sent and refuses unknown placeholders; inserting fills first names and leaves an unknown one out cleanly", async ({ browser }) => {
  test.setTimeout(180_000);
  const title = `Thanks ${randomInt(1e6)}`;
  const desk = await setUpSmsIntegration(browser, `Fit desk ${randomInt(1e6)}`);

  const adminContext = await browser.newContext({ storageState: adminState });
  const admin = await adminContext.newPage();
  await admin.goto("/settings/saved-replies/new");
  const form = admin.getByRole("form", { name: "New saved reply" });
  const text = form.getByLabel("Reply text");
  await form.getByLabel("Title").fill(title);

  // Counted as the composer counts it once sent, names allowed for; too long for the desk warns.
  await text.fill("Hi {{customer.first_name}}!");
  await expect(form.getByText("As sent: 24 / 160 · GSM-7 · 1 SMS")).toBeVisible();
  await text.fill(`Hi {{customer.first_name}}! ${"x".repeat(140)}`);
  await expect(form.getByText(/As sent: 165 \/ \d+ · GSM-7 · 2 SMS/)).toBeVisible();
  await expect(form.getByRole("status")).toContainText(`limit of “${desk.name}”`);

  await text.fill("Hi {{customer.nickname}}");
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(form.getByText("{{customer.nickname}} is not a placeholder the app knows. Use {{customer.first_name}}, {{customer.name}}, {{agent.first_name}}, {{integration.name}}")).toBeVisible();

  await text.fill("Thanks for reaching out, {{customer.first_name}}. {{agent.first_name}} at {{integration.name}}");
  await form.getByRole("button", { name: "Create saved reply" }).click();
  await expect(admin).toHaveURL(/\/settings\/saved-replies$/);
  await adminContext.close();

  const agentContext = await browser.newContext({ storageState: agentState });
  const page = await agentContext.newPage();
  const ticketId = await startConversation(page, { phone: customerNumber().e164, integration: desk, body: "Is it in stock?" });
  await openTicketPage(page, ticketId);
  const box = page.getByLabel("Message", { exact: true });
  const insert = async () => {
    await page.getByRole("button", { name: "Insert saved reply" }).click();
    await page.getByRole("menu", { name: "Insert saved reply" }).getByRole("menuitem", { name: new RegExp(title) }).click();
  };

  // No name known yet: the placeholder goes with its comma.
  await insert();
  await expect(box).toHaveValue(`Thanks for reaching out. Sam at ${desk.name}`);

  await page.getByRole("button", { name: "Add name" }).click();
  await page.getByLabel("Customer name").fill("Ada Byron");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("complementary", { name: "Customer" })).toContainText("Ada Byron");
  await box.fill("");
  await insert();
  await expect(box).toHaveValue(`Thanks for reaching out, Ada. Sam at ${desk.name}`);
  await agentContext.close();
});

test("the old address of the saved replies settings still leads to them", async ({ browser }) => {
  const context = await browser.newContext({ storageState: adminState });
  const page = await context.newPage();
  await page.goto("/settings/canned-replies");
  await expect(page).toHaveURL(/\/settings\/saved-replies$/);
  await expect(page.getByRole("link", { name: "New saved reply" })).toBeVisible();
  await page.goto("/settings/canned-replies/new");
  await expect(page).toHaveURL(/\/settings\/saved-replies\/new$/);
  await expect(page.getByRole("form", { name: "New saved reply" })).toBeVisible();
  await context.close();
});
