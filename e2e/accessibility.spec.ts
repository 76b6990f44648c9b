import { randomInt } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { customerNumber, integrationIdOf, openTicketPage, setUpSmsIntegration, startConversationByApi } from "./support/inbox";

// axe takes seconds a page; each test checks several.
test.describe.configure({ timeout: 120_000 });

/** One SMS integration for the tests that need a conversation or its settings page. */
let desk: { id: string; name: string };
test.beforeAll(async ({ browser }) => {
  const integration = await setUpSmsIntegration(browser, `A11y desk ${randomInt(1e6)}`);
  const context = await browser.newContext({ storageState: adminState });
  desk = { id: await integrationIdOf(await context.newPage(), integration), name: integration.name };
  await context.close();
});

/**
 * The serious and critical problems axe finds on the page once its transitions end (WCAG 2.x A and AA
 * and axe's best practices), one line each: rule, impact, what is wrong and where.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // The page at rest: a button still fading in from its pending look has a passing contrast.
  // (Endless ones, such as a spinner, are left running.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => `${node.target.join(" ")} ${node.html.slice(0, 120)}`).join(", ")}`);
}

/** Opens each page and checks it; reports every page's problems together, by address. */
async function expectAccessible(page: Page, paths: string[]) {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const problems = await seriousViolations(page);
    if (problems.length) found[path] = problems;
  }
  expect(found).toEqual({});
}

test("sign-in has no serious accessibility problem, also with an error showing", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The form as it stays: the error in words, and the button back from "Signing in…".
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("for an admin", () => {
  test.use({ storageState: adminState });

  // One test a page: a page's check takes seconds, and a slow one does not hold up the rest.
  for (const path of [
    "/settings",
    "/settings/users",
    "/settings/phone-numbers",
    "/settings/phone-numbers/new",
    "/settings/phone-numbers/import",
    "/settings/phone-numbers/port",
    "/settings/integrations/sms",
    "/settings/integrations/sms/new",
    "/settings/integrations/sms/countries",
    "/settings/business-hours",
    "/settings/rules",
    "/settings/rules/new",
    "/settings/rules/new?start=after-hours",
    "/settings/canned-replies",
    "/settings/canned-replies/new",
    "/settings/saved-replies",
    "/settings/tags",
    "/settings/audit",
    "/sandbox/phone",
    "/account",
  ]) {
    test(`${path} has no serious accessibility problem`, async ({ page }) => {
      await expectAccessible(page, [path]);
    });
  }

  test("Settings → Tags, with a tag listed, has no serious accessibility problem", async ({ page }) => {
    const ticketId = await startConversationByApi(page, { phone: customerNumber().e164, integrationId: desk.id, body: "Tag me" });
    expect((await page.request.post(`/api/tickets/${ticketId}/tags`, { data: { name: `a11y ${randomInt(1e6)}` } })).status()).toBe(200);
    await expectAccessible(page, ["/settings/tags"]);
  });

  test("a new macro with its actions and an error beside one has no serious accessibility problem", async ({ page }) => {
    await page.goto("/settings/saved-replies/new");
    const form = page.getByRole("form", { name: "New saved reply" });
    await form.getByLabel("Title").fill(`A11y macro ${randomInt(1e6)}`);
    for (const type of ["Add a tag", "Assign", "Snooze", "Close the ticket"]) {
      await form.getByRole("button", { name: "Add an action" }).click();
      const last = form.getByRole("listitem").last();
      await last.getByRole("combobox").first().selectOption({ label: type });
    }
    await form.getByRole("button", { name: "Create saved reply" }).click();
    // The empty tag is refused beside its field.
    await expect(form.getByText("Write the tag's name.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("an SMS integration's own settings page has no serious accessibility problem", async ({ page }) => {
    await expectAccessible(page, [`/settings/integrations/sms/${desk.id}`]);
  });
});

test.describe("for an agent", () => {
  test.use({ storageState: agentState });

  test("the inbox, with and without a ticket open, has no serious accessibility problem", async ({ page }) => {
    const ticketId = await startConversationByApi(page, { phone: customerNumber().e164, integrationId: desk.id, body: "Do you have this in blue?" });
    await expectAccessible(page, ["/tickets", "/account", "/macros"]);
    await openTicketPage(page, ticketId);
    await expect(page.getByRole("article").filter({ hasText: "Do you have this in blue?" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the snooze choices, and the Snoozed and Past target views, have no serious accessibility problem", async ({ page }) => {
    const ticketId = await startConversationByApi(page, { phone: customerNumber().e164, integrationId: desk.id, body: "Call me next week" });
    await openTicketPage(page, ticketId);
    await page.getByRole("button", { name: "Snooze", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "Snooze until…" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("dialog", { name: "Snooze until…" }).getByRole("button", { name: /^In 1 hour/ }).click();
    await expect(page.getByRole("region", { name: /^Conversation with / }).getByText(/^Snoozed until/)).toBeVisible();
    await expectAccessible(page, ["/tickets?view=snoozed", "/tickets?view=overdue&sort=waiting"]);
  });

  test("the bar for selected tickets, with its tag box, snooze choices and a step's result, has no serious accessibility problem", async ({ page }) => {
    const word = `axebulk${randomInt(1e6)}`;
    for (let i = 0; i < 2; i++) await startConversationByApi(page, { phone: customerNumber().e164, integrationId: desk.id, body: `About ${word} ${i}` });
    await page.goto(`/tickets?q=${word}`);
    const list = page.getByRole("list", { name: "Tickets" });
    await expect(list.getByRole("checkbox")).toHaveCount(2);
    await list.getByRole("checkbox").first().check();
    const toolbar = page.getByRole("region", { name: "Selected tickets" });
    await toolbar.getByLabel("Snooze the selected tickets until").selectOption({ label: "Pick a date and time…" });
    await expect(toolbar.getByLabel("Wake the selected tickets at")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await toolbar.getByLabel("Tag name for the selected tickets").fill("axe check");
    await toolbar.getByRole("button", { name: "Add tag" }).click();
    await expect(toolbar.getByRole("status").filter({ hasText: "Tagged 1 ticket “axe check”" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
