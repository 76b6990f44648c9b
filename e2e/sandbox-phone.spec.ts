import { randomInt } from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import sharp from "sharp";
import { adminState, agentState } from "./support/accounts";
import { numberPattern, setUpSmsIntegration } from "./support/inbox";
import { buySandboxNumber, readSandboxAccount, sendSandboxMessage, uniqueUsPhone } from "./support/sandbox";

function conversation(page: Page) {
  return page.getByRole("list", { name: /^Messages between/ });
}

async function openPhone(page: Page, business: string, typed: string) {
  await page.goto("/sandbox/phone");
  await page.getByLabel("Customer phone number").fill(typed);
  await page.getByLabel("Business number to text").selectOption(business);
}

test.describe("phone simulator as an admin", () => {
  test.use({ storageState: adminState });

  test("a customer texts a business number, and the business's reply arrives with its delivery state", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account);
    const customer = uniqueUsPhone();

    await openPhone(page, business, customer.typed);
    await expect(page.getByText(`🇺🇸 United States · +1 206`)).toBeVisible();
    await page.getByRole("textbox", { name: "Message" }).fill("Hi! Where is my order?");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const sent = conversation(page).getByRole("listitem").filter({ hasText: "Hi! Where is my order?" });
    // The app's /api/twilio/sms accepted the signed webhook.
    await expect(sent).toContainText("Delivered");
    await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue("");

    const reply = await sendSandboxMessage(request, account, business, customer.e164, "It ships today!");
    expect(reply.status).toBe(201);
    const received = conversation(page).getByRole("listitem").filter({ hasText: "It ships today!" });
    await expect(received).toContainText("Delivered");
    await expect(conversation(page).getByRole("listitem")).toHaveCount(2);

    // The customer is now among the recent phones, and another phone starts empty.
    await page.getByLabel("Customer phone number").fill(uniqueUsPhone().typed);
    await expect(page.getByText("No messages yet.")).toBeVisible();
    await page.getByRole("button", { name: numberPattern(customer) }).click();
    await expect(conversation(page).getByRole("listitem")).toHaveCount(2);
  });

  test("a text sent while the phone's conversation is still loading shows up when it is sent", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account);
    const customer = uniqueUsPhone();
    // The phone's view of the conversation is read at once but answered slowly, so the text
    // leaves while the first read, made before it, is still on its way.
    await page.route("**/sandbox/phone/state?**", async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.fulfill({ response });
    });
    await openPhone(page, business, customer.typed);
    await page.getByRole("textbox", { name: "Message" }).fill("Sent in a hurry");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(conversation(page).getByRole("listitem").filter({ hasText: "Sent in a hurry" })).toContainText("Delivered");
  });

  test("a picture and a PDF go as one MMS; the picture shows inline", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account, "212");
    await openPhone(page, business, uniqueUsPhone().typed);
    await page.getByLabel("Attach files").setInputFiles([
      {
        name: "parcel.png",
        mimeType: "image/png",
        buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
      },
      { name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") },
    ]);
    await page.getByRole("textbox", { name: "Message" }).fill("Damaged on arrival");
    await page.getByRole("button", { name: "Send with 2 files" }).click();
    const sent = conversation(page).getByRole("listitem").filter({ hasText: "Damaged on arrival" });
    await expect(sent.getByRole("img", { name: "parcel.png" })).toBeVisible();
    await expect(sent.getByRole("link", { name: /invoice\.pdf/ })).toBeVisible();
    await expect(sent).toContainText("Delivered");
    expect(await sent.getByRole("img", { name: "parcel.png" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  });

  test("a number that simulates a carrier failure shows it, and delivers once made reachable", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account, "312");
    const customer = uniqueUsPhone("0003");
    await openPhone(page, business, customer.typed);
    await expect(page.getByText(/fail with error 30003/)).toBeVisible();

    await sendSandboxMessage(request, account, business, customer.e164, "First try");
    await expect(conversation(page).getByRole("listitem").filter({ hasText: "First try" })).toContainText(
      "Not delivered: Unreachable destination handset (error 30003)",
    );

    await page.getByLabel("Reachable: deliver messages to this phone").check();
    await expect(page.getByLabel("Reachable: deliver messages to this phone")).toBeChecked();
    await sendSandboxMessage(request, account, business, customer.e164, "Second try");
    await expect(conversation(page).getByRole("listitem").filter({ hasText: "Second try" })).toContainText("Delivered");
  });

  test("STOP from the phone blocks the business until START", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account, "206");
    const customer = uniqueUsPhone();
    await openPhone(page, business, customer.typed);
    await page.getByRole("textbox", { name: "Message" }).fill("STOP");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(conversation(page).getByRole("listitem").filter({ hasText: "successfully been unsubscribed" })).toBeVisible();

    const blocked = await sendSandboxMessage(request, account, business, customer.e164, "Are you sure?");
    expect(blocked).toMatchObject({ status: 400, body: { code: 21610 } });

    await page.getByRole("textbox", { name: "Message" }).fill("START");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(conversation(page).getByRole("listitem").filter({ hasText: "re-subscribed" })).toBeVisible();
    expect((await sendSandboxMessage(request, account, business, customer.e164, "Welcome back")).status).toBe(201);
  });

  test("says what is wrong with a number that cannot be read", async ({ page }) => {
    await page.goto("/sandbox/phone");
    await page.getByLabel("Customer phone number").fill("12");
    await expect(page.getByText("“12” is not a phone number.")).toBeVisible();
    await page.getByLabel("Country for local numbers").selectOption("GB");
    await page.getByLabel("Customer phone number").fill("07400 123456");
    await expect(page.getByText("🇬🇧 United Kingdom · +44 7400 123456")).toBeVisible();
  });
});

test.describe("phone simulator: senders the inbox refuses, empty texts, big files, long conversations", () => {
  test.use({ storageState: adminState });

  async function passcodesRefused(page: Page): Promise<number> {
    await page.goto("/settings/audit");
    const count = page.getByRole("main").getByText("Passcodes and short codes refused, last 30 days").locator("xpath=following-sibling::dd");
    return Number(await count.textContent());
  }

  test("texts from a short code and a sender ID show on the phone as not accepted by the inbox, with the reason", async ({ page, browser }) => {
    const desk = await setUpSmsIntegration(browser, `Passcode desk ${randomInt(1e6)}`);
    const business = desk.display.replace(/\s/g, "");
    const before = await passcodesRefused(page);
    const marker = `signin${randomInt(1e9)}`;

    await openPhone(page, business, "12345");
    await expect(page.getByText("Short code 12345 · texts as a one-time-passcode sender would")).toBeVisible();
    await page.getByRole("textbox", { name: "Message" }).fill(`Your ${marker} code is 482913`);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(conversation(page).getByRole("listitem").filter({ hasText: marker })).toContainText(
      "Not accepted by the inbox: it comes from a short code, which cannot be answered",
    );

    await page.getByLabel("Customer phone number").fill("AMAZON");
    await expect(page.getByText("Sender ID “AMAZON” · texts as a one-time-passcode sender would")).toBeVisible();
    await page.getByRole("textbox", { name: "Message" }).fill(`Your parcel ${marker} is here`);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(conversation(page).getByRole("listitem").filter({ hasText: marker })).toContainText(
      "Not accepted by the inbox: it comes from a sender name, not a phone number, which cannot be answered",
    );

    // No ticket for either, and the admins' audit counts both.
    await page.goto(`/tickets?view=all&q=${marker}`);
    await expect(page.getByText(`No tickets match “${marker}”.`)).toBeVisible();
    expect(await passcodesRefused(page)).toBe(before + 2);
  });

  test("Send with nothing written sends an empty text, which reaches the app", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account);
    await openPhone(page, business, uniqueUsPhone().typed);
    await expect(page.getByText("Nothing written: Send sends an empty text, as some phones do.")).toBeVisible();
    await page.getByRole("button", { name: "Send empty message" }).click();
    await expect(conversation(page).getByRole("listitem")).toHaveCount(1);
    await expect(conversation(page).getByRole("listitem")).toContainText("Delivered");
    await page.getByRole("textbox", { name: "Message" }).fill("Hello");
    await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Send empty message" })).toHaveCount(0);
  });

  test("files over 5 MB in all are refused on the phone, and by the server, with their size", async ({ page, request, baseURL }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account);
    const customer = uniqueUsPhone();
    await openPhone(page, business, customer.typed);
    const huge = { name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(Math.round(18.2 * 1024 * 1024)) };
    await page.getByLabel("Attach files").setInputFiles([huge]);
    const refusal = page.getByRole("main").getByRole("alert");
    await expect(refusal).toHaveText("Files are over 5 MB in all (18.2 MB). An MMS carries at most 5 MB: remove some files or pick smaller ones.");
    await page.getByRole("button", { name: "Send with 1 file" }).click();
    await expect(refusal).toContainText("Files are over 5 MB in all");
    await expect(page.getByText("No messages yet.")).toBeVisible();

    // Posted anyway, the server answers 413 in the same words.
    const posted = await page.request.post("/sandbox/phone/messages", {
      headers: { Origin: baseURL! },
      multipart: { from: customer.e164, to: business, body: "", files: huge },
    });
    expect(posted.status()).toBe(413);
    expect(((await posted.json()) as { error: { message: string } }).error.message).toMatch(/^Files are over 5 MB in all \(18\.2 MB\)\./);
  });

  test("a long conversation scrolls inside the phone, which opens on the newest message with the composer in view", async ({ page, request }) => {
    const account = await readSandboxAccount(page);
    const business = await buySandboxNumber(request, account, "212");
    const customer = uniqueUsPhone();
    for (let n = 1; n <= 12; n++) {
      expect((await sendSandboxMessage(request, account, business, customer.e164, `Update ${n} on your order:\nstill on its way.`)).status).toBe(201);
    }
    await openPhone(page, business, customer.typed);
    const messages = conversation(page).getByRole("listitem");
    await expect(messages).toHaveCount(12);
    await expect(messages.last()).toBeInViewport({ ratio: 1 });
    await expect(messages.first()).not.toBeInViewport();
    await expect(page.getByRole("textbox", { name: "Message" })).toBeInViewport();
    await expect(page.getByRole("button", { name: "Send empty message" })).toBeInViewport({ ratio: 1 });

    // A tall picture sent from the phone is shown whole once it has loaded.
    const picture = await sharp({ create: { width: 160, height: 320, channels: 3, background: "#2563eb" } }).png().toBuffer();
    await page.getByLabel("Attach files").setInputFiles([{ name: "label.png", mimeType: "image/png", buffer: picture }]);
    await page.getByRole("button", { name: "Send with 1 file" }).click();
    const sent = messages.filter({ has: page.getByRole("img", { name: "label.png" }) });
    await expect(sent).toContainText("Delivered");
    await expect(sent.getByRole("img", { name: "label.png" })).toBeInViewport({ ratio: 1 });

    // A live reply arrives: the phone follows it.
    await sendSandboxMessage(request, account, business, customer.e164, "Out for delivery now");
    await expect(messages.last()).toContainText("Out for delivery now");
    await expect(messages.last()).toBeInViewport({ ratio: 1 });

    // Someone reading older messages is left there when another arrives.
    await messages.first().scrollIntoViewIfNeeded();
    await sendSandboxMessage(request, account, business, customer.e164, "Delivered to your door");
    await expect(messages.last()).toContainText("Delivered to your door");
    await expect(messages.first()).toBeInViewport();
    await expect(messages.last()).not.toBeInViewport();
  });
});

test.describe("phone simulator as an agent", () => {
  test.use({ storageState: agentState });

  test("is open to agents, without the sandbox credentials", async ({ page }) => {
    await page.goto("/tickets");
    const header = page.getByRole("banner");
    const simulatorLink = header.getByRole("link", { name: "Sandbox · Phone simulator" });
    await expect(simulatorLink).toBeVisible();
    await expect(header.getByText("No Twilio account connected: text your inbox as a customer.")).toBeVisible();
    await expect(simulatorLink).toHaveAccessibleDescription("No Twilio account connected: text your inbox as a customer.");
    await simulatorLink.click();
    await expect(page.getByRole("heading", { name: "Phone simulator" })).toBeVisible();
    await expect(page.getByText("Play your customers")).toBeVisible();
    await expect(page.getByText("Sandbox account")).toHaveCount(0);
  });
});
