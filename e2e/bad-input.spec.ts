import { expect, test } from "./support/test";
import { adminState, uniqueEmail } from "./support/accounts";

test.use({ storageState: adminState });

const HUGE = "x".repeat(100 * 1024);

test("a port request with a number that is not one, or a 100 kB address, is refused next to its fields and not filed", async ({ page }) => {
  await page.goto("/settings/phone-numbers/port");
  const form = page.getByRole("form", { name: "Port request" });
  await form.getByLabel("Number to port").fill("12");
  await form.getByLabel("Current carrier").fill("Old Telco");
  await form.getByLabel("Account number at that carrier").fill("998877");
  await form.getByLabel("PIN or passcode").fill("4321");
  await form.getByLabel("Authorised name on the account").fill("Ada Admin");
  await form.getByLabel("Service address").fill(HUGE);
  await form.getByRole("button").last().click();

  await expect(form.getByLabel("Number to port")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Number to port")).toHaveAccessibleDescription(/“12” is not a phone number/);
  await expect(form.getByLabel("Service address")).toHaveAccessibleDescription(/at most \d+ characters/);
  await page.reload();
  await expect(page.getByText("998877")).toHaveCount(0);
});

test("adding a user with a blank or 100 kB name says what is wrong and adds nobody", async ({ page }) => {
  const email = uniqueEmail("bad-input");
  await page.goto("/settings/users");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  for (const [name, problem] of [["   ", /name/i], [HUGE, /at most \d+ characters|too long/i]] as const) {
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill("a good long password");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByLabel("Name")).toHaveAccessibleDescription(problem);
  }
  await page.reload();
  await expect(page.getByRole("cell", { name: email })).toHaveCount(0);
});

test("Twilio's webhooks answer other methods with 405 and unsigned bodies of any type with 403", async ({ request }) => {
  for (const path of ["/api/twilio/sms", "/api/twilio/status"]) {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      expect(response.status(), `${method} ${path}`).toBe(405);
    }
    for (const [type, data] of [["application/json", '{"From":"+14155550100"}'], ["multipart/form-data; boundary=x", "--x--"], ["text/plain", "\u00ff\u00fe"]] as const) {
      const response = await request.post(path, { headers: { "Content-Type": type }, data });
      expect(response.status(), `${type} to ${path}`).toBe(403);
    }
  }
});
