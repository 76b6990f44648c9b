import { type Page } from "@playwright/test";
import { expect } from "./test";

/**
 * Buys the first number the search finds, through the UI, and returns it as the app
 * displays it ("+1 415 555 0134"). The sandbox never offers a number already owned, so
 * every call gets a new one.
 */
export async function buyNumber(page: Page, search: { country?: string; type?: "Local" | "Mobile" | "Toll-free"; areaCode?: string } = {}): Promise<string> {
  await page.goto("/settings/phone-numbers/new");
  if (search.country) await page.getByLabel("Country").selectOption({ label: search.country });
  if (search.type) await page.getByLabel("Type").selectOption({ label: search.type });
  if (search.areaCode) await page.getByLabel("Area code (optional)").fill(search.areaCode);
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("table", { name: "Numbers for sale" });
  const first = results.getByRole("row").nth(1);
  const display = (await first.getByRole("rowheader").textContent())?.trim();
  expect(display).toBeTruthy();
  await first.getByRole("button", { name: `Buy ${display}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Buy number" }).click();
  await expect(page).toHaveURL(/\/settings\/phone-numbers\?added=/);
  await expect(page.getByRole("status")).toContainText(`${display} is now yours.`);
  return display!;
}

/** The seed's flow: Settings → Integrations → SMS → Add SMS Integration → name and number → Add SMS Integration. */
export async function addSmsIntegration(page: Page, name: string, display: string) {
  await page.goto("/settings/integrations/sms");
  await page.getByRole("link", { name: "Add SMS Integration" }).click();
  await page.getByLabel("Integration name").fill(name);
  // US numbers' registration streams in beside them and moves the rows: pick once it is there.
  await expect(page.getByText("Asking Twilio about its US registration…")).toHaveCount(0);
  await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(display)}`) }).check();
  await page.getByRole("button", { name: "Add SMS Integration" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/sms$/);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
