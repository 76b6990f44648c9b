import { randomInt } from "node:crypto";
import { expect, test } from "./support/test";
import { agentState } from "./support/accounts";
import { customerNumber, integrationIdOf, openTicketPage, pressShortcut, setUpSmsIntegration, startConversationByApi, type SmsIntegration } from "./support/inbox";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Search desk ${randomInt(1e6)}`);
});

test("search from Open finds a closed ticket, counts results per view, narrows with a click, and reads filters", async ({ page, browser }) => {
  const integrationId = await integrationIdOf(page, desk);
  const marker = `plum${randomInt(1e6)}`;
  const closedCustomer = customerNumber();
  const closedId = await startConversationByApi(page, { phone: closedCustomer.e164, integrationId, body: `The replacement arrived broken ${marker}` });
  await startConversationByApi(page, { phone: customerNumber().e164, integrationId, body: `Is next day delivery possible for the replacement? ${marker}` });
  await startConversationByApi(page, { phone: customerNumber().e164, integrationId, body: `Day next, delivery: unrelated ${marker}` });

  await openTicketPage(page, closedId);
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  await page.goto("/tickets");
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const views = page.getByRole("navigation", { name: "Views" });
  await expect(views.getByRole("link", { name: /^Open/ })).toHaveAttribute("aria-current", "page");
  const search = page.getByRole("searchbox", { name: "Search tickets" });
  await expect(search).toHaveAccessibleDescription(/tag:.*status:open.*assignee:me.*from:/);

  const rows = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  await search.fill(`replacement ${marker}`);
  // Every ticket, closed ones too, with what was found in each view.
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "arrived broken" })).toHaveCount(1);
  await expect(views.getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");
  await expect(views.getByRole("link", { name: /^Open/ })).toHaveText(/^Open\s*1$/);
  await expect(views.getByRole("link", { name: /^Closed/ })).toHaveText(/^Closed\s*1$/);
  await expect(views.getByRole("link", { name: /^Mine/ })).toHaveText(/^Mine\s*1$/);
  await expect(views.getByRole("link", { name: /^Unassigned/ })).toHaveText(/^Unassigned\s*0$/);
  await expect(views.getByRole("link", { name: /^All/ })).toHaveText(/^All\s*2$/);

  // A click narrows the search to one view.
  await views.getByRole("link", { name: /^Closed/ }).click();
  await expect(views.getByRole("link", { name: /^Closed/ })).toHaveAttribute("aria-current", "page");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("arrived broken");
  await expect(page).toHaveURL(/view=closed/);

  // A page opened on a search comes with what it found in each view: the views do not shift as it loads.
  const unscripted = await browser.newContext({ storageState: agentState, javaScriptEnabled: false });
  const served = await unscripted.newPage();
  await served.goto(page.url());
  const servedViews = served.getByRole("navigation", { name: "Views" });
  await expect(servedViews.getByRole("link", { name: /^Closed/ })).toHaveText(/^Closed\s*1$/);
  await expect(servedViews.getByRole("link", { name: /^All/ })).toHaveText(/^All\s*2$/);
  await unscripted.close();

  // A phrase needs its words in order; a filter narrows by status; a number in another format.
  await page.goto("/tickets");
  await search.fill(`"next day delivery" ${marker}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Is next day delivery possible");
  await search.fill(`status:closed ${marker}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("arrived broken");
  await search.fill(`from:${closedCustomer.local.replace(/\D/g, ".").replace(/^\.+|\.+$/g, "")}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("arrived broken");

  // A filter it does not know is searched as words and shown back.
  await search.fill(`colour:red ${marker}`);
  await expect(page.getByRole("status").filter({ hasText: "Searched for the words colour:red" })).toBeVisible();
  await expect(page.getByText(`No tickets match “colour:red ${marker}”.`)).toBeVisible();

  // The keyboard help tells the syntax.
  await search.blur();
  await pressShortcut(page, "?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("assignee:me");
});
