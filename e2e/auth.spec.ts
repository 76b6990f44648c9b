import { expect, test } from "./support/test";
import { admin, signIn, uniqueEmail } from "./support/accounts";

test("a wrong password is refused without saying which field was wrong", async ({ page }) => {
  await signIn(page, admin.email, "wrong password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, uniqueEmail("nobody"), "wrong password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("the admin signs in and out", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/tickets$/);
  // The header names who is signed in (a ticket in the list may name them too).
  await expect(page.getByText(`${admin.name} (admin)`)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/tickets");
  await expect(page).toHaveURL(/\/login/);
});

test("repeated failed sign-ins for one email are slowed down", async ({ page }) => {
  const email = uniqueEmail("target");
  for (let i = 0; i < 4; i++) {
    await signIn(page, email, `guess ${i}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await signIn(page, email, "guess 5");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many failed sign-ins for this email. Wait");
  // Even the right password for another account is unaffected.
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/tickets$/);
});

test("after signing in, a callback URL on the app is followed and one to another site is not", async ({ page, baseURL }) => {
  await page.context().route((url) => url.hostname === "evil.example", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Evil</h1>" }));
  test.slow(); // three sign-ins in one test
  // Each is what the browser would read as http://evil.example/ (lib/auth/callback-url.test.ts has the rest).
  // Signed out from a blank page: the inbox left open would see its session go and navigate
  // to the sign-in page itself, racing the test's own navigation.
  const signOut = async () => {
    await page.goto("about:blank");
    await page.context().clearCookies();
  };
  for (const callbackUrl of ["/%5Cevil.example/", "/%0A/evil.example/"]) {
    await signOut();
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, callbackUrl).toHaveURL(`${baseURL}/tickets`);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }

  await signOut();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/settings/users?from=callback")}`);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/settings/users?from=callback`);
});

test.describe("before the page is live", () => {
  test.use({ javaScriptEnabled: false });

  test("Sign in waits, and Enter sends nothing, so a password never lands in the address bar", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(admin.password);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
    // A navigation the key started would have committed by the time press() returns.
    await page.getByLabel("Password", { exact: true }).press("Enter");
    expect(page.url()).not.toContain(encodeURIComponent(admin.password));
    expect(new URL(page.url()).search).toBe("");
  });
});
