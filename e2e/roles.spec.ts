import { expect, test } from "./support/test";
import { addUserAsAdmin, admin, adminState, agentState, signIn, uniqueEmail } from "./support/accounts";
import { callServerAction } from "./support/server-actions";


test.describe("as an agent", () => {
  test.use({ storageState: agentState });

  test("settings are hidden and refused", async ({ page }) => {
    await page.goto("/tickets");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

    for (const path of ["/settings/users", "/settings/integrations/sms", "/settings/phone-numbers", "/settings/rules", "/settings/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Only admins can open this page" })).toBeVisible();
    }
  });

  test("calling a settings action is refused with 403 and changes nothing", async ({ page, browser }) => {
    const adminContext = await browser.newContext({ storageState: adminState });
    const adminPage = await adminContext.newPage();
    await adminPage.goto("/settings/users");
    const adminRow = adminPage.getByRole("row", { name: new RegExp(admin.email) });
    const adminId = (await adminRow.getByRole("combobox").getAttribute("id"))?.replace("role-", "");
    expect(adminId).toBeTruthy();

    await page.goto("/tickets");
    const demote = await callServerAction(page, "/settings/users", "changeRoleAction", [{ userId: adminId, role: "agent" }]);
    expect(demote.status()).toBe(403);
    const deactivate = await callServerAction(page, "/settings/users", "setActiveAction", [{ userId: adminId, active: false }]);
    expect(deactivate.status()).toBe(403);

    await adminPage.reload();
    await expect(adminRow).toContainText("Active");
    await expect(adminRow.getByRole("combobox")).toHaveValue("admin");
    await adminContext.close();
  });
});

test("a deactivated user is signed out at their next request, and can return when reactivated", async ({ browser }) => {
  const user = { name: "Dee Activated", email: uniqueEmail("dee"), password: "password for dee" };
  const adminContext = await browser.newContext({ storageState: adminState });
  const adminPage = await adminContext.newPage();
  await addUserAsAdmin(adminPage, user);

  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, user.email, user.password);
  await expect(userPage).toHaveURL(/\/tickets$/);

  await adminPage.getByRole("button", { name: `Deactivate ${user.name}` }).click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(adminPage.getByRole("row", { name: new RegExp(user.name) })).toContainText("Deactivated");

  // The open inbox may find out first (its next background request is refused) and go to the
  // sign-in page itself, cutting this navigation short: either way the user ends up there.
  // Chromium reports that as an aborted navigation, or as one interrupted by the sign-in page.
  await userPage.goto("/tickets").catch((error: Error) => {
    if (!/ERR_ABORTED|interrupted by another navigation to "[^"]*\/login/.test(error.message)) throw error;
  });
  await expect(userPage).toHaveURL(/\/login/);
  await signIn(userPage, user.email, user.password);
  await expect(userPage.getByRole("main").getByRole("alert")).toHaveText("This account is deactivated. Ask an admin to reactivate it.");

  await adminPage.getByRole("button", { name: `Reactivate ${user.name}` }).click();
  await expect(adminPage.getByRole("row", { name: new RegExp(user.name) })).toContainText("Active");
  await signIn(userPage, user.email, user.password);
  await expect(userPage).toHaveURL(/\/tickets$/);

  // The audit log says who did each of it, newest first; the password is nowhere.
  await adminPage.goto("/settings/audit");
  const rows = adminPage.getByRole("table", { name: "Admin actions, newest first" }).getByRole("row");
  await expect(rows.filter({ hasText: `reactivated ${user.name} (${user.email})` }).first()).toContainText(admin.name);
  await expect(rows.filter({ hasText: `${admin.name} deactivated ${user.name} (${user.email})` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `${admin.name} added agent ${user.name} (${user.email})` })).toHaveCount(1);
  await expect(adminPage.getByRole("main")).not.toContainText(user.password);

  await adminContext.close();
  await userContext.close();
});

test("an admin changes a user's role, and the change holds at once", async ({ browser }) => {
  const user = { name: "Rory Role", email: uniqueEmail("rory"), password: "password for rory" };
  const adminContext = await browser.newContext({ storageState: adminState });
  const adminPage = await adminContext.newPage();
  await addUserAsAdmin(adminPage, user);

  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, user.email, user.password);
  await expect(userPage).toHaveURL(/\/tickets$/);
  expect((await userPage.goto("/settings/users"))?.status()).toBe(403);

  // Choosing a role changes nothing until it is saved.
  const roleSelect = adminPage.getByLabel(`Role of ${user.name}`, { exact: true });
  await roleSelect.focus();
  await adminPage.keyboard.press("ArrowDown");
  await expect(roleSelect).toHaveValue("admin");
  await expect(adminPage.getByText(`Make ${user.name} an admin? Admins can change every setting.`)).toBeVisible();
  expect((await userPage.goto("/settings/users"))?.status()).toBe(403);
  await adminPage.getByRole("button", { name: `Keep ${user.name}'s role` }).click();
  await expect(roleSelect).toHaveValue("agent");

  await roleSelect.selectOption("admin");
  await adminPage.getByRole("button", { name: `Save role of ${user.name}` }).click();
  await expect(adminPage.getByRole("main").getByRole("status").filter({ hasText: `${user.name} is now an admin.` })).toBeVisible();
  await expect(roleSelect).toHaveValue("admin");
  await expect(adminPage.getByRole("button", { name: `Save role of ${user.name}` })).toHaveCount(0);
  await expect.poll(async () => (await userPage.goto("/settings/users"))?.status()).toBe(200);

  await adminContext.close();
  await userContext.close();
});

test("at 800 px the users table scrolls inside its card, and its buttons stay reachable", async ({ browser }) => {
  const context = await browser.newContext({ storageState: adminState, viewport: { width: 800, height: 720 } });
  const page = await context.newPage();
  await page.goto("/settings/users");
  const row = page.getByRole("row", { name: new RegExp(admin.email) });
  await expect(row).toBeVisible();
  // The page itself does not scroll sideways; the table does, within its card.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  const deactivate = page.getByRole("button", { name: /^Deactivate / }).first();
  await deactivate.scrollIntoViewIfNeeded();
  await expect(deactivate).toBeInViewport();
  await context.close();
});

test("on a phone the settings sections run across the top, and no settings page is wider than the screen", async ({ browser }) => {
  const context = await browser.newContext({ storageState: adminState, viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  for (const path of ["/settings/integrations/sms", "/settings/phone-numbers", "/settings/rules", "/settings/users", "/settings/audit"]) {
    await page.goto(path);
    const sections = page.getByRole("navigation", { name: "Settings" });
    await expect(sections.getByRole("link", { name: "Integrations → SMS" })).toBeVisible();
    // Above the page's heading, not beside it.
    const headingTop = (await page.getByRole("heading", { level: 1 }).boundingBox())!.y;
    expect((await sections.boundingBox())!.y).toBeLessThan(headingTop);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), path).toBe(true);
  }
  await context.close();
});
