import { expect, test } from "./support/test";
import { adminState } from "./support/accounts";

test.use({ storageState: adminState });

test("an admin finds Countries from the SMS integrations page, allows a country and removes it", async ({ page }) => {
  await page.goto("/settings/integrations/sms");
  await page.getByRole("link", { name: "Manage countries" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/sms\/countries$/);

  const defaults = page.getByRole("list", { name: "Countries allowed by default" });
  await expect(defaults.getByRole("listitem").filter({ hasText: /United Kingdom$/ })).toBeVisible();
  // The Crown Dependencies share +44 and are allowed with the United Kingdom.
  for (const name of ["Guernsey", "Jersey", "Isle of Man"]) {
    await expect(defaults.getByRole("listitem").filter({ hasText: name })).toContainText("with the United Kingdom");
  }
  await expect(defaults.getByText("Guam")).toBeVisible();
  // Defaults cannot be removed.
  await expect(page.getByRole("button", { name: "Remove United States" })).toHaveCount(0);
  await expect(page.getByLabel("Country to allow").locator("option", { hasText: "United States (+1)" })).toHaveCount(0);

  await page.getByRole("button", { name: "Allow country" }).click();
  await expect(page.getByText("Choose a country.").first()).toBeVisible();

  await page.getByLabel("Country to allow").selectOption({ label: "Mexico (+52)" });
  await page.getByRole("button", { name: "Allow country" }).click();
  const added = page.getByRole("list", { name: "Countries added by an admin" });
  await expect(added.getByRole("listitem")).toHaveCount(1);
  await expect(added.getByRole("listitem")).toContainText("Mexico");
  await expect(page.getByLabel("Country to allow").locator("option", { hasText: "Mexico (+52)" })).toHaveCount(0);

  await page.getByRole("button", { name: "Remove Mexico" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove country" }).click();
  await expect(added).toHaveCount(0);
  await expect(page.getByText("None yet.")).toBeVisible();
});
