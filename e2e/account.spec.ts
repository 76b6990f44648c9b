import { execFile } from "node:child_process";
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { addUserAsAdmin, adminState, databaseFile, signIn, uniqueEmail } from "./support/accounts";

// Each test hashes and checks several passwords (bcrypt, on purpose slow), sessions in several browsers.
test.describe.configure({ timeout: 180_000 });

async function newUser(browser: Browser, prefix: string) {
  const user = { name: `Kai ${prefix}`, email: uniqueEmail(prefix), password: "first password 1" };
  const adminContext = await browser.newContext({ storageState: adminState });
  await addUserAsAdmin(await adminContext.newPage(), user);
  await adminContext.close();
  return user;
}

async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/tickets$/);
  return page;
}

test("changing your password keeps this browser signed in and signs out your others", async ({ browser }) => {
  const user = await newUser(browser, "change");
  const laptop = await signedInPage(browser, user.email, user.password);
  const phone = await signedInPage(browser, user.email, user.password);

  await laptop.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(laptop.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(laptop.getByLabel("Email")).toHaveValue(user.email);

  await laptop.getByLabel("Current password").fill("not my password");
  await laptop.getByLabel("New password", { exact: true }).fill("second password 2");
  await laptop.getByLabel("Repeat new password").fill("second password 2");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByText("That is not your current password.").first()).toBeVisible();

  await laptop.getByLabel("Current password").fill(user.password);
  await laptop.getByLabel("Repeat new password").fill("second password 3");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByText("The two new passwords differ. Type the same one twice.")).toBeVisible();

  await laptop.getByLabel("Repeat new password").fill("second password 2");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByRole("status")).toHaveText("Password changed. Your other devices and browsers are signed out.");

  // This browser stays in; the other one is sent to sign in at its next request.
  await laptop.goto("/tickets");
  await expect(laptop).toHaveURL(/\/tickets$/);
  await phone.goto("/tickets");
  await expect(phone).toHaveURL(/\/login/);

  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(elsewhere, user.email, user.password);
  await expect(elsewhere.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(elsewhere, user.email, "second password 2");
  await expect(elsewhere).toHaveURL(/\/tickets$/);
});

test("a user renames themselves on their account page", async ({ browser }) => {
  const user = await newUser(browser, "rename");
  const page = await signedInPage(browser, user.email, user.password);
  await page.goto("/account");
  await page.getByLabel("Name").fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await page.getByLabel("Name").fill(`${user.name} Renamed`);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toHaveText("Name saved.");
  await page.reload();
  await expect(page.getByRole("banner")).toContainText(`${user.name} Renamed`);
});

test("an admin's reset link lets the user choose a new password once, and ends their sessions", async ({ browser }) => {
  const user = await newUser(browser, "reset");
  const oldSession = await signedInPage(browser, user.email, user.password);

  const adminPage = await (await browser.newContext({ storageState: adminState })).newPage();
  await adminPage.goto("/settings/users");
  await adminPage.getByRole("button", { name: `Reset password of ${user.name}` }).click();
  const dialog = adminPage.getByRole("dialog");
  await expect(dialog).toContainText("It works once, for 24 hours");
  await dialog.getByRole("button", { name: "Make reset link" }).click();
  const linkField = adminPage.getByRole("textbox", { name: `Reset link for ${user.name}` });
  await expect(linkField).toHaveValue(/\/reset-password\/[0-9a-f-]{36}\.[\w-]{40,}$/);
  const link = await linkField.inputValue();
  // Shown once: the page does not show it again.
  await adminPage.reload();
  await expect(adminPage.getByRole("textbox", { name: `Reset link for ${user.name}` })).toHaveCount(0);

  // The old password still works until the link is used.
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(user.email);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat new password").fill("short");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByText("Use at least 8 characters for the password.")).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill("chosen by me 42");
  await page.getByLabel("Repeat new password").fill("chosen by me 42");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByRole("banner")).toContainText(user.name);

  await oldSession.goto("/tickets");
  await expect(oldSession).toHaveURL(/\/login/);
  await signIn(oldSession, user.email, user.password);
  await expect(oldSession.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");

  // The link does not work a second time.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("main").getByRole("alert")).toHaveText("This password reset link was already used. Ask an admin for a new one.");
  await expect(again.getByLabel("New password", { exact: true })).toHaveCount(0);
});

test("an agent sees no way to reset passwords", async ({ browser }) => {
  const user = await newUser(browser, "agentview");
  const page = await signedInPage(browser, user.email, user.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" })).toBeVisible();
  const response = await page.goto("/settings/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("button", { name: /Reset password of/ })).toHaveCount(0);
});

function runResetCommand(email: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const database = JSON.parse(fs.readFileSync(databaseFile, "utf8")) as Record<string, string>;
  const env: NodeJS.ProcessEnv = { ...process.env, ...database, PUBLIC_BASE_URL: test.info().project.use.baseURL };
  if (!database.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", "admin:reset-password", "--", "--email", email], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test("the server's command gives a locked-out admin a link, or refuses while the app holds PGlite's folder", async ({ browser }) => {
  const lockedOut = { name: "Lou Locked", email: uniqueEmail("lockedout"), password: "forgotten password 1", role: "admin" as const };
  const adminContext = await browser.newContext({ storageState: adminState });
  await addUserAsAdmin(await adminContext.newPage(), lockedOut);
  await adminContext.close();
  const run = await runResetCommand(lockedOut.email);
  const database = JSON.parse(fs.readFileSync(databaseFile, "utf8")) as Record<string, string>;
  if (!database.DATABASE_URL) {
    // The embedded database serves one process: the running app's.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The app is running on this data folder, so no link was made.");
    expect(run.stdout).not.toContain("/reset-password/");
    return;
  }
  expect(run.code, run.stderr).toBe(0);
  const link = /(http\S+\/reset-password\/\S+)/.exec(run.stdout)?.[1];
  expect(link).toBeTruthy();
  const page = await (await browser.newContext()).newPage();
  await page.goto(link!);
  await expect(page.getByRole("main")).toContainText(lockedOut.email);
  await page.getByLabel("New password", { exact: true }).fill("remembered at last 7");
  await page.getByLabel("Repeat new password").fill("remembered at last 7");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeVisible();
});
