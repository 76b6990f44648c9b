import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { conversation, customerNumber, integrationIdOf, numberPattern, openTicketPage, setUpSmsIntegration, startConversationByApi, type SmsIntegration } from "./support/inbox";

let desk: SmsIntegration;

test.beforeAll(async ({ browser }) => {
  desk = await setUpSmsIntegration(browser, `Tag desk ${randomInt(1e6)}`);
});

/** Tags a ticket through the API, as the header does. */
async function tagByApi(page: Page, ticketId: string, name: string) {
  const response = await page.request.post(`/api/tickets/${ticketId}/tags`, { data: { name } });
  expect(response.status(), await response.text()).toBe(200);
}

async function newTicket(page: Page, integrationId: string, body: string) {
  const customer = customerNumber();
  return { id: await startConversationByApi(page, { phone: customer.e164, integrationId, body }), inList: numberPattern(customer) };
}

test.describe("an agent", () => {
  test.use({ storageState: agentState });

  test("adds a new tag and an existing one from the keyboard, removes one, and filters the list by tag", async ({ page }) => {
    const n = randomInt(1e6);
    const existing = `priority ${n}`;
    const fresh = `callback ${n}`;
    const integrationId = await integrationIdOf(page, desk);
    const first = await newTicket(page, integrationId, `First question ${n}`);
    const second = await newTicket(page, integrationId, `Second question ${n}`);
    const third = await newTicket(page, integrationId, `Third question ${n}`);
    await tagByApi(page, second.id, existing);

    await openTicketPage(page, first.id);
    const chips = page.getByRole("list", { name: "Tags on this ticket" });
    await page.getByRole("button", { name: "+ Add tag" }).focus();
    await page.keyboard.press("Enter");
    const box = page.getByRole("combobox", { name: "Add a tag" });
    await expect(box).toBeFocused();

    // A name no tag has yet: offered to create, made on Enter.
    await box.pressSequentially(`Callback ${n}`);
    await expect(page.getByRole("option", { name: `Create tag “${fresh}”` })).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(chips.getByRole("listitem")).toHaveText([`${fresh}×`]);
    await expect(box).toHaveValue("");

    // An existing tag, typed in another case and picked from the suggestions with the arrows.
    await box.pressSequentially(`PRIORITY ${n}`.slice(0, 10));
    const suggestion = page.getByRole("option", { name: existing, exact: true });
    await expect(suggestion).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await expect(suggestion).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(chips.getByRole("listitem")).toHaveText([`${fresh}×`, `${existing}×`]);
    await expect(box).toHaveValue("");

    // A name that cannot be a tag: said why, nothing added.
    await box.fill("x".repeat(51));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "Tags have at most" })).toHaveText("Tags have at most 50 characters; this one has 51.");
    await expect(chips.getByRole("listitem")).toHaveCount(2);
    await page.keyboard.press("Escape");
    await expect(box).toHaveCount(0);

    // Removed from the keyboard too.
    await page.getByRole("button", { name: `Remove tag ${fresh}` }).focus();
    await page.keyboard.press("Enter");
    await expect(chips.getByRole("listitem")).toHaveText([`${existing}×`]);

    // The timeline says who did what.
    await expect(conversation(page).getByText(`Sam Agent added the tag “${fresh}”`)).toBeVisible();
    await expect(conversation(page).getByText(`Sam Agent added the tag “${existing}”`)).toBeVisible();
    await expect(conversation(page).getByText(`Sam Agent removed the tag “${fresh}”`)).toBeVisible();

    // The list, filtered by the tag: the two tickets that have it, in every view they are in.
    await page.getByLabel("Filter by tag").selectOption({ label: `Tag: ${existing}` });
    await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(existing).replace(/%20/g, "(\\+|%20)")}`));
    const list = page.getByRole("list", { name: "Tickets" });
    await expect(list.getByRole("link")).toHaveCount(2);
    await expect(list.getByRole("link", { name: first.inList })).toHaveCount(1);
    await expect(list.getByRole("link", { name: second.inList })).toHaveCount(1);
    await expect(list.getByRole("link", { name: third.inList })).toHaveCount(0);
    await page.getByLabel("Filter by tag").selectOption({ label: "All tags" });
    await expect(list.getByRole("link", { name: third.inList })).toHaveCount(1);
  });
});

test.describe("an admin", () => {
  test.use({ storageState: adminState });

  test("renames, merges and deletes tags under Settings → Tags, deleting only after confirming", async ({ page }) => {
    const n = randomInt(1e6);
    const integrationId = await integrationIdOf(page, desk);
    const ticket = await newTicket(page, integrationId, `Tag admin question ${n}`);
    await tagByApi(page, ticket.id, `old ${n}`);
    await tagByApi(page, ticket.id, `dupe ${n}`);
    await tagByApi(page, ticket.id, `keeper ${n}`);
    await tagByApi(page, ticket.id, `gone ${n}`);

    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Tags" }).click();
    await expect(page.getByRole("heading", { name: "Tags", level: 1 })).toBeVisible();
    const list = page.getByRole("list", { name: "Tags" });
    // The page's own message (Next's route announcer is an alert too).
    const message = page.getByRole("status").filter({ hasText: /^(Renamed|Merged|Deleted) / });

    // Rename: a name another tag has is refused with the way out; a new name is taken.
    const old = list.getByRole("listitem", { name: `old ${n}`, exact: true });
    await old.getByRole("button", { name: `Rename old ${n}` }).click();
    const name = page.getByLabel(`New name for old ${n}`);
    await name.fill(`KEEPER ${n}`);
    await name.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "A tag named" })).toHaveText(`A tag named “keeper ${n}” exists already. To make the two one tag, merge “old ${n}” into it.`);
    await name.fill(`New Name ${n}`);
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(message).toHaveText(`Renamed “old ${n}” to “new name ${n}” on 1 ticket.`);
    await expect(list.getByRole("listitem", { name: `new name ${n}`, exact: true })).toContainText("1 ticket");

    // Merge, after confirming.
    const dupe = list.getByRole("listitem", { name: `dupe ${n}`, exact: true });
    await dupe.getByLabel(`Merge dupe ${n} into`, { exact: true }).selectOption({ label: `keeper ${n}` });
    await dupe.getByRole("button", { name: `Merge dupe ${n} into keeper ${n}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Merge tags" }).click();
    await expect(message).toHaveText(`Merged “dupe ${n}” into “keeper ${n}” on 1 ticket.`);
    await expect(list.getByRole("listitem", { name: `dupe ${n}`, exact: true })).toHaveCount(0);

    // Delete asks first; Cancel keeps the tag.
    await list.getByRole("button", { name: `Delete gone ${n}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete gone ${n}?` });
    await expect(dialog).toContainText("comes off 1 ticket");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(list.getByRole("listitem", { name: `gone ${n}`, exact: true })).toBeVisible();
    await list.getByRole("button", { name: `Delete gone ${n}` }).click();
    await dialog.getByRole("button", { name: "Delete tag" }).click();
    await expect(message).toHaveText(`Deleted “gone ${n}” from 1 ticket.`);
    await expect(list.getByRole("listitem", { name: `gone ${n}`, exact: true })).toHaveCount(0);

    // The ticket shows the outcome, and the audit log has each change.
    await openTicketPage(page, ticket.id);
    await expect(page.getByRole("list", { name: "Tags on this ticket" }).getByRole("listitem")).toHaveText([`new name ${n}×`, `keeper ${n}×`]);
    await page.goto("/settings/audit");
    await expect(page.getByText(`renamed the tag “old ${n}” to “new name ${n}” (on 1 ticket)`)).toBeVisible();
    await expect(page.getByText(`merged the tag “dupe ${n}” into “keeper ${n}” (on 1 ticket)`)).toBeVisible();
    await expect(page.getByText(`deleted the tag “gone ${n}” (on 1 ticket)`)).toBeVisible();
  });
});
