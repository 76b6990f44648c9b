import { expect, test as setup } from "./support/test";
import { addUserAsAdmin, admin, adminState, agent, agentState, deactivated, deactivatedState, signIn } from "./support/accounts";

setup("an empty app sends the first visitor to create the admin account", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome" })).toBeVisible();

  // Bad input is refused field by field, and nothing is created.
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters for the password.")).toBeVisible();

  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page).toHaveURL(/\/tickets$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await page.context().storageState({ path: adminState });

  // Once an admin exists, the first-run page is closed.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
});

setup("the admin adds an agent, who can sign in", async ({ browser }) => {
  const adminContext = await browser.newContext({ storageState: adminState });
  await addUserAsAdmin(await adminContext.newPage(), agent);
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, agent.email, agent.password);
  await expect(page).toHaveURL(/\/tickets$/);
  await context.storageState({ path: agentState });
  await context.close();
});

setup("a user who signed in and was then deactivated keeps only a dead session", async ({ browser }) => {
  const adminContext = await browser.newContext({ storageState: adminState });
  const adminPage = await adminContext.newPage();
  await addUserAsAdmin(adminPage, deactivated);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, deactivated.email, deactivated.password);
  await expect(page).toHaveURL(/\/tickets$/);
  await context.storageState({ path: deactivatedState });
  await context.close();

  await adminPage.getByRole("button", { name: `Deactivate ${deactivated.name}` }).click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(adminPage.getByRole("row", { name: new RegExp(deactivated.name) })).toContainText("Deactivated");
  await adminContext.close();
});
