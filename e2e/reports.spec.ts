import fs from "node:fs";
import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { adminState, agentState } from "./support/accounts";
import { customerNumber, integrationIdOf, setUpSmsIntegration, startConversationByApi, type SmsIntegration } from "./support/inbox";
import { expect, test } from "./support/test";

test.use({ storageState: adminState });

/** A figure as the page shows it: the number under its label, in its chart's card. */
function figure(page: Page, chart: string, label: string) {
  return page.getByRole("region", { name: chart, exact: true }).locator("dl > div").filter({ has: page.getByText(label, { exact: true }) }).locator("dd").first();
}

test.describe("reports", () => {
  let desk: SmsIntegration;
  let integrationId: string;

  test.beforeAll(async ({ browser }) => {
    desk = await setUpSmsIntegration(browser, `Reports desk ${randomInt(1e6)}`);
  });

  test("show the figures of the period for one integration, its failures in words, refused texts, and the CSV", async ({ page, baseURL }) => {
    integrationId = await integrationIdOf(page, desk);
    const business = desk.display.replace(/[^\d+]/g, "");
    const happy = customerNumber();
    const unknown = { e164: `${customerNumber().e164.slice(0, 8)}0005` };
    // Two conversations the agent starts: one delivered, one to a number that does not exist (30005).
    await startConversationByApi(page, { phone: happy.e164, integrationId, body: "Hello from the shop, your order is ready" });
    await startConversationByApi(page, { phone: unknown.e164, integrationId, body: "Hello, is this still your number?" });
    // The customer answers, and a short code texts the number: refused.
    for (const [from, body] of [
      [happy.e164, "Thanks, I will pick it up"],
      ["12345", "Your code is 123456"],
    ]) {
      const sent = await page.request.post("/sandbox/phone/messages", { headers: { Origin: baseURL! }, multipart: { from: from!, to: business, body: body! } });
      expect(sent.status(), await sent.text()).toBe(200);
    }

    const url = `/reports?range=7&integration=${integrationId}`;
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Integration")).toHaveValue(integrationId);
    // Replies reach "delivered" or "failed" a moment later. Each chart loads on its own, so
    // one load can come before the failure's status callback and the next after it: the page
    // is loaded again until the delivery figures and the failure's code agree.
    const failures = page.getByRole("region", { name: "Failures by error code" });
    const unknownRow = failures.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "30005" }) });
    await expect(async () => {
      await page.reload();
      await expect(figure(page, "Delivery", "Failed")).toHaveText("1", { timeout: 2_000 });
      await expect(figure(page, "Delivery", "Delivered")).toHaveText("1", { timeout: 2_000 });
      await expect(unknownRow).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });

    await expect(figure(page, "Conversations", "New tickets")).toHaveText("2");
    await expect(figure(page, "Conversations", "New tickets").locator("xpath=following-sibling::dd")).toHaveText("Previous period: 0");
    await expect(figure(page, "Messages in and out", "Segments out")).toHaveText("2");
    await expect(figure(page, "Messages in and out", "Segments in")).toHaveText("1");
    await expect(figure(page, "Delivery", "Delivery rate")).toHaveText("50%");
    await expect(unknownRow).toContainText("Unknown number: it does not exist or is no longer in service.");
    await expect(unknownRow).toContainText("Check the number with the customer");
    await expect(figure(page, "Refused messages", "Short code or sender name")).toHaveText("1");
    await expect(figure(page, "SMS usage and estimated cost", "Segments sent")).toHaveText("2");
    await expect(figure(page, "Busiest hours", "Texts in")).toHaveText("1");
    // The bars carry their numbers: readable without hovering.
    await expect(page.getByRole("region", { name: "Conversations", exact: true }).locator(".recharts-label-list text").filter({ hasText: "2" })).toHaveCount(1);

    // The chart's CSV, with the page's filters.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV of Conversations" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("conversations-last-7-days.csv");
    const csv = fs.readFileSync((await download.path())!, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("Day,New tickets,Reopened tickets");
    expect(csv).toHaveLength(8);
    expect(csv.slice(1).reduce((total, line) => total + Number(line.split(",")[1]), 0)).toBe(2);

    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.screenshot({ path: test.info().outputPath("reports.png") });

    // The refused text, listed under the audit log and found by its number.
    await page.goto("/settings/audit/refused?q=12345");
    await expect(page.getByRole("row").filter({ hasText: "12345" }).first()).toContainText("Short code or sender name");
    await expect(page.getByRole("row").filter({ hasText: "12345" }).first()).toContainText(desk.name);
    await expect(page.getByText("Your code is 123456")).toHaveCount(0);
  });

  test("say so when nothing happened in the period, and what is wrong with bad dates", async ({ page }) => {
    await page.goto("/reports?range=custom&from=2020-01-01&to=2020-01-07");
    await expect(page.getByRole("region", { name: "Conversations", exact: true }).getByText("No messages in this period")).toBeVisible();
    await page.goto("/reports?range=custom&from=2020-01-07&to=2020-01-01");
    await expect(page.getByRole("alert").filter({ hasText: "The last day comes before the first one." })).toBeVisible();
    const refused = await page.request.get("/api/reports/conversations?range=custom&from=2020-01-07&to=2020-01-01");
    expect(refused.status()).toBe(400);
  });
});

test.describe("reports for an agent", () => {
  test.use({ storageState: agentState });

  test("show their own tickets, without the admins' cost and refused charts", async ({ page }) => {
    await page.goto("/reports");
    await expect(page.getByText("Your tickets (assigned to you)")).toBeVisible();
    await expect(page.getByRole("region", { name: "Conversations", exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "SMS usage and estimated cost" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Refused messages" })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: "Agent", exact: true })).toHaveCount(0);
    expect((await page.request.get("/api/reports/usage?range=30")).status()).toBe(403);
  });
});
