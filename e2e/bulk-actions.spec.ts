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

test("tag and untag selected tickets from the keyboard, a new tag made once, and z undoes the step", async ({ page }) => {
  const word = `label${randomInt(1e6)}`;
  const tag = `bulk ${randomInt(1e6)}`;
  const integrationId = await integrationIdOf(page, desk);
  for (let i = 0; i < 3; i++) await startConversationByApi(page, { phone: customerNumber().e164, integrationId, body: `About your ${word} number ${i}` });

  await page.goto(`/tickets?q=${word}`);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const list = page.getByRole("list", { name: "Tickets" });
  const rows = list.locator("[data-ticket-id]");
  await expect(rows).toHaveCount(3);
  const toolbar = page.getByRole("region", { name: "Selected tickets" });

  // x on two rows, then the tag typed in any case and spacing, Enter to add it.
  for (const i of [0, 2]) {
    await rows.nth(i).focus();
    await pressShortcut(page, "x");
  }
  await expect(toolbar.getByText("2 selected")).toBeVisible();
  const box = toolbar.getByLabel("Tag name for the selected tickets");
  await box.focus();
  await page.keyboard.type(`  ${tag.toUpperCase()} `);
  await page.keyboard.press("Enter");
  await expect(toolbar.getByRole("status").filter({ hasText: `Tagged 2 tickets “${tag}”` })).toBeVisible();
  await expect(list.getByText(tag, { exact: true })).toHaveCount(2);
  await expect(rows.nth(1).getByText(tag, { exact: true })).toHaveCount(0);

  // Escape leaves the box; z undoes the whole step.
  await page.keyboard.press("Escape");
  await pressShortcut(page, "z");
  await expect(toolbar.getByRole("status").filter({ hasText: "Undone on 2 tickets" })).toBeVisible();
  await expect(list.getByText(tag, { exact: true })).toHaveCount(0);

  // The tag exists once, for the list's filter too; untagging all matching asks first.
  await page.goto(`/tickets?q=${word}`);
  await expect(rows).toHaveCount(3);
  await rows.nth(0).focus();
  await pressShortcut(page, "x");
  await toolbar.getByLabel("Tag name for the selected tickets").fill(tag);
  await toolbar.getByRole("button", { name: "Add tag" }).click();
  await expect(toolbar.getByRole("status").filter({ hasText: `Tagged 1 ticket “${tag}”` })).toBeVisible();
  await list.getByRole("checkbox").nth(1).check();
  await toolbar.getByRole("button", { name: "Select all 3 matching" }).click();
  await toolbar.getByLabel("Tag name for the selected tickets").fill(tag);
  await toolbar.getByRole("button", { name: "Remove tag" }).click();
  await toolbar.getByRole("group", { name: "Confirm" }).getByRole("button", { name: "Remove it" }).click();
  await expect(toolbar.getByRole("status").filter({ hasText: `Removed “${tag}” from 1 ticket · 2 already without that tag` })).toBeVisible();
  await expect(list.getByText(tag, { exact: true })).toHaveCount(0);

  // Each ticket's timeline records what was done to it.
  await rows.first().click();
  const timeline = page.getByRole("region", { name: /^Conversation with / });
  await expect(timeline.getByText(`Sam Agent added the tag “${tag}”`).first()).toBeVisible();
  await expect(timeline.getByText(`Sam Agent removed the tag “${tag}”`).first()).toBeVisible();
});

test("snooze selected tickets until a preset or a picked time, and Undo wakes them again", async ({ page }) => {
  const word = `nap${randomInt(1e6)}`;
  const integrationId = await integrationIdOf(page, desk);
  for (let i = 0; i < 3; i++) await startConversationByApi(page, { phone: customerNumber().e164, integrationId, body: `About your ${word} number ${i}` });

  await page.goto(`/tickets?q=${word}`);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const list = page.getByRole("list", { name: "Tickets" });
  const rows = list.locator("[data-ticket-id]");
  await expect(rows).toHaveCount(3);
  const toolbar = page.getByRole("region", { name: "Selected tickets" });

  for (const i of [0, 1]) {
    await rows.nth(i).focus();
    await pressShortcut(page, "x");
  }
  const snooze = toolbar.getByLabel("Snooze the selected tickets until");
  await snooze.selectOption({ index: 1 });
  await expect(toolbar.getByRole("status").filter({ hasText: /^Snoozed 2 tickets until / })).toBeVisible();
  await expect(list.getByText(/^Snoozed until /)).toHaveCount(2);

  await toolbar.getByRole("button", { name: "Undo" }).click();
  await expect(toolbar.getByRole("status").filter({ hasText: "Undone on 2 tickets" })).toBeVisible();
  await expect(list.getByText(/^Snoozed until /)).toHaveCount(0);

  // A picked date and time: one that has passed is refused in words, a later one snoozes.
  await list.getByRole("checkbox").nth(2).check();
  await toolbar.getByLabel("Snooze the selected tickets until").selectOption({ label: "Pick a date and time…" });
  const picked = toolbar.getByLabel("Wake the selected tickets at");
  await picked.fill("2020-01-01T09:00");
  await toolbar.getByRole("button", { name: "Snooze them" }).click();
  await expect(toolbar.getByRole("alert").filter({ hasText: "That time has passed. Choose a time in the future." })).toBeVisible();
  const later = new Date(Date.now() + 3 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  await picked.fill(`${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T10:30`);
  await toolbar.getByRole("button", { name: "Snooze them" }).click();
  await expect(toolbar.getByRole("status").filter({ hasText: /^Snoozed 1 ticket until / })).toBeVisible();
  await expect(rows.nth(2).getByText(/^Snoozed until /)).toBeVisible();
});
