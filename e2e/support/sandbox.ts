import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./test";

export interface SandboxAccount {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
}

/** Reads the sandbox's credentials where an admin sees them: the phone simulator's "Sandbox account" panel. */
export async function readSandboxAccount(page: Page): Promise<SandboxAccount> {
  await page.goto("/sandbox/phone");
  await page.getByText("Sandbox account", { exact: true }).click();
  const accountSid = await page.getByLabel("Account SID").inputValue();
  expect(accountSid).toMatch(/^AC[0-9a-f]{32}$/);
  return {
    accountSid,
    authToken: await page.getByLabel("Auth token").inputValue(),
    apiBaseUrl: await page.getByLabel("API base URL").inputValue(),
  };
}

/** Calls the sandbox's Twilio REST API over HTTP with Basic auth, as curl or an SDK would. */
export async function callSandboxApi(
  request: APIRequestContext,
  account: SandboxAccount,
  path: string,
  params?: Array<[string, string]>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = `${account.apiBaseUrl}/2010-04-01/Accounts/${account.accountSid}${path}`;
  const headers = { Authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}` };
  const response = params
    ? await request.post(url, { headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, data: new URLSearchParams(params).toString() })
    : await request.get(url, { headers });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

/** Buys a sandbox number whose texts go to the app's own webhook. */
export async function buySandboxNumber(request: APIRequestContext, account: SandboxAccount, areaCode = "415"): Promise<string> {
  const appUrl = account.apiBaseUrl.replace(/\/sandbox\/twilio$/, "");
  const { status, body } = await callSandboxApi(request, account, "/IncomingPhoneNumbers.json", [
    ["AreaCode", areaCode],
    ["SmsUrl", `${appUrl}/api/twilio/sms`],
    ["StatusCallback", `${appUrl}/api/twilio/status`],
  ]);
  expect(status).toBe(201);
  return body.phone_number as string;
}

/** A business reply, sent through the REST API as the app would send it. */
export async function sendSandboxMessage(request: APIRequestContext, account: SandboxAccount, from: string, to: string, body: string) {
  return callSandboxApi(request, account, "/Messages.json", [
    ["From", from],
    ["To", to],
    ["Body", body],
  ]);
}

/** A US customer number no other test uses, in the national format people type. */
export function uniqueUsPhone(lastFour?: string): { typed: string; e164: string } {
  const exchange = 200 + Math.floor(Math.random() * 700);
  const safeExchange = exchange % 100 === 11 ? exchange + 1 : exchange;
  const line = lastFour ?? String(1000 + Math.floor(Math.random() * 8999));
  return { typed: `(206) ${safeExchange}-${line}`, e164: `+1206${safeExchange}${line}` };
}
