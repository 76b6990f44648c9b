import { getTwilioClient } from "@/lib/twilio/client";
import { getSandboxCredentials } from "@/lib/twilio/credentials";

/** Twilio's Basic auth header for the sandbox account (or for any pair a test makes up). */
export async function sandboxAuthHeader(pair?: { username: string; password: string }): Promise<string> {
  const { accountSid, authToken } = await getSandboxCredentials();
  const { username, password } = pair ?? { username: accountSid, password: authToken };
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** The sandbox's REST API, called over HTTP the way curl would. */
export async function sandboxFetch(baseUrl: string, path: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}) {
  const { accountSid } = await getSandboxCredentials();
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("authorization", await sandboxAuthHeader());
  let body = init.body;
  if (init.form) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(init.form)) for (const item of [value].flat()) form.append(name, item);
    body = form.toString();
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  const url = `${baseUrl}/sandbox/twilio/2010-04-01/Accounts/${accountSid}${path}`;
  return fetch(url, { ...init, headers, body, redirect: init.redirect ?? "manual" });
}

export { getTwilioClient };

/** Runs a test body with environment variables changed, and puts them back. */
export async function withEnv<T>(changes: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
