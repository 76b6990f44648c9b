import fs from "node:fs";
import path from "node:path";
import { request } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState } from "./support/accounts";
import { readSandboxAccount } from "./support/sandbox";

test.use({ storageState: adminState });

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Secret values from the environment the build and this run share, and from local env files. */
function configuredSecrets(): Record<string, string> {
  const found: Record<string, string> = {};
  const names = ["NEXTAUTH_SECRET", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY_SECRET"];
  for (const file of [".env", ".env.local", ".env.production", ".env.production.local"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const match = /^\s*(\w+)\s*=\s*"?([^"\n]*)"?\s*$/.exec(line);
      if (match && names.includes(match[1]!) && match[2]!.length >= 8) found[`${match[1]} in ${file}`] = match[2]!;
    }
  }
  for (const name of names) if ((process.env[name]?.length ?? 0) >= 8) found[name] = process.env[name]!;
  return found;
}

// Names only server code uses: finding one in the browser's files means a server module was bundled for it.
const SERVER_ONLY = ["NEXTAUTH_SECRET", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY_SECRET", "sandbox.credentials", "auth.secret", "password_hash"];
const BCRYPT_HASH = /\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/;

test("the browser's files carry no secret, no server-only module and no password hash", async ({ page }) => {
  const sandbox = await readSandboxAccount(page);
  const secrets = { ...configuredSecrets(), "the sandbox auth token": sandbox.authToken };
  const clientFiles = filesUnder(".next/static").filter((file) => /\.(js|css|html|json|txt|map)$/.test(file));
  expect(clientFiles.length, "the production build's client output").toBeGreaterThan(10);

  for (const file of clientFiles) {
    const text = fs.readFileSync(file, "utf8");
    for (const [what, value] of Object.entries(secrets)) expect(text.includes(value), `${what} in ${file}`).toBe(false);
    for (const name of SERVER_ONLY) expect(text.includes(name), `${name} in ${file}`).toBe(false);
    expect(text.includes("$2a$") || text.includes("$2b$"), `a bcrypt prefix in ${file}`).toBe(false);
    expect(text, file).not.toMatch(BCRYPT_HASH);
  }

  // The same names are in the server's output, so the search above looks for the right things.
  const serverText = filesUnder(".next/server").filter((file) => file.endsWith(".js")).map((file) => fs.readFileSync(file, "utf8")).join("\n");
  for (const name of ["NEXTAUTH_SECRET", "TWILIO_AUTH_TOKEN", "sandbox.credentials", "auth.secret", "password_hash"]) expect(serverText, name).toContain(name);
});

test("no page or API answer an agent gets carries a password hash or the sandbox's auth token", async ({ page, baseURL }) => {
  const { authToken } = await readSandboxAccount(page);
  const agent = await request.newContext({ baseURL, storageState: agentState });
  const admin = await request.newContext({ baseURL, storageState: adminState });
  const pages = ["/tickets", "/sandbox/phone", "/sandbox/phone/state", "/api/tickets?view=all", "/api/tickets/counts", "/api/health", "/login"];
  for (const url of pages) {
    const text = await (await agent.get(url)).text();
    expect(text.includes(authToken), `the sandbox auth token in ${url} for an agent`).toBe(false);
    expect(text, url).not.toMatch(BCRYPT_HASH);
  }
  for (const url of ["/settings/users", "/settings/audit", "/settings", "/tickets", "/api/tickets?view=all"]) {
    const text = await (await admin.get(url)).text();
    expect(text, url).not.toMatch(BCRYPT_HASH);
    expect(text, url).not.toContain("passwordHash");
  }
  await agent.dispose();
  await admin.dispose();
});
