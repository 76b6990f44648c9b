import { randomInt } from "node:crypto";
import { expect, test } from "./support/test";
import { agentState } from "./support/accounts";
import { customerNumber, integrationIdOf, pressShortcut, setUpSmsIntegration, startConversationByApi, type SmsIntegration } from "./support/inbox";

test.use({ storageState: agentState });

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Bulk desk ${randomInt(1e6)}`);
});

test("select tickets by checkbox, shift-click and x, then assign, close all matching with progress, and undo", async ({ page }) => {
  const word = `parcel${randomInt(1e6)}`;
  const integrationId = await integrationIdOf(page, desk);
  for (let i = 0; i < 6; i++) await startConversationByApi(page, { phone: customerNumber().e164, integrationId, body: `About your ${word} number ${i}` });

  await page.goto(`/tickets?q=${word}`);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const list = page.getByRole("list", { name: "Tickets" });
  const boxes = list.getByRole("checkbox");
  await expect(boxes).toHaveCount(6);
  const toolbar = page.getByRole("region", { name: "Selected tickets" });

  // A checkbox, then shift-click for the range up to the fourth.
  await boxes.nth(0).check();
  await expect(toolbar.getByText("1 selected")).toBeVisible();
  await boxes.nth(3).click({ modifiers: ["Shift"] });
  await expect(toolbar.getByText("4 selected")).toBeVisible();
  for (const i of [0, 1, 2, 3]) await expect(boxes.nth(i)).toBeChecked();
  await expect(boxes.nth(4)).not.toBeChecked();

  // x on the focused row adds it.
  await list.locator("[data-ticket-id]").nth(4).focus();
  await pressShortcut(page, "x");
  await expect(toolbar.getByText("5 selected")).toBeVisible();
  await expect(boxes.nth(4)).toBeChecked();

  // Bulk assign: started conversations are the agent's, so unassign the five.
  await toolbar.getByLabel("Assign the selected tickets to").selectOption({ label: "Nobody (unassign)" });
  await expect(toolbar.getByRole("status").filter({ hasText: "Unassigned 5 tickets" })).toBeVisible();
  await expect(list.getByText("Unassigned", { exact: true })).toHaveCount(5);
  await expect(boxes.nth(0)).not.toBeChecked();

  // Every ticket matching the search, resolved on the server: asked once more, then closed with progress.
  await boxes.nth(5).check();
  await toolbar.getByRole("button", { name: "Select all 6 matching" }).click();
  await expect(toolbar.getByText("All 6 matching tickets selected")).toBeVisible();
  await toolbar.getByRole("button", { name: "Close", exact: true }).click();
  await toolbar.getByRole("group", { name: "Confirm" }).getByRole("button", { name: "Close them" }).click();
  const done = toolbar.getByRole("status").filter({ hasText: "Closed 6 tickets" });
  await expect(toolbar.getByRole("progressbar", { name: "Progress" }).or(done)).toBeVisible();
  await expect(done).toBeVisible();
  await expect(list.getByText("Closed", { exact: true })).toHaveCount(6);

  // One Undo reopens them all.
  await toolbar.getByRole("button", { name: "Undo" }).click();
  await expect(toolbar.getByRole("status").filter({ hasText: "Undone on 6 tickets" })).toBeVisible();
  await expect(list.getByText("Closed", { exact: true })).toHaveCount(0);

  // The timeline of a ticket records both.
  await list.locator("[data-ticket-id]").first().click();
  const timeline = page.getByRole("region", { name: /^Conversation with / });
  await expect(timeline.getByText("Sam Agent closed this ticket")).toBeVisible();
  await expect(timeline.getByText("Sam Agent undid closing this ticket")).toBeVisible();
});
