import fs from "node:fs";
import path from "node:path";
import { request, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/test";
import { adminState, agentState, deactivatedState } from "./support/accounts";
import { actions, routes, type Access } from "./support/authz-matrix";
import { serverActionId, serverActionPage } from "./support/server-actions";

type Role = "anonymous" | "deactivated" | "agent" | "admin";
const states: Record<Role, string | undefined> = { anonymous: undefined, deactivated: deactivatedState, agent: agentState, admin: adminState };

function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, match);
    return match(entry.name) ? [full] : [];
  });
}

/** Every export of every "use server" file, wherever it lives (app/, lib/ or components/). */
function serverActionsInApp(): string[] {
  return ["app", "lib", "components"]
    .flatMap((dir) => filesUnder(dir, (name) => /\.tsx?$/.test(name)))
    .filter((file) => /^\s*["']use server["']/.test(fs.readFileSync(file, "utf8")))
    .flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(/export (?:async function|const) (\w+)/g)].map((m) => `${file}#${m[1]}`));
}

test("every page, route handler and server action is in the authorization matrix", () => {
  const listed = new Set(routes.map((route) => route.file));
  const files = filesUnder("app", (name) => name === "page.tsx" || name === "route.ts");
  expect(files.filter((file) => !listed.has(file)), "add these to e2e/support/authz-matrix.ts").toEqual([]);
  expect(serverActionsInApp().filter((key) => !(key in actions)), "add these actions to e2e/support/authz-matrix.ts").toEqual([]);
});

function allowed(access: Access, role: Role): boolean {
  if (access === "public") return true;
  if (access === "user") return role === "agent" || role === "admin";
  if (access === "admin") return role === "admin";
  return false;
}

async function contextFor(role: Role, baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, storageState: states[role] });
}

for (const role of ["anonymous", "deactivated", "agent", "admin"] as const) {
  test(`as ${role}, every route answers as the matrix says`, async ({ baseURL }) => {
    const api = await contextFor(role, baseURL!);
    for (const route of routes) {
      if (route.stream && allowed(route.access, role)) continue;
      for (const method of route.methods ?? ["GET"]) {
        const response = await api.fetch(route.url, { method, maxRedirects: 0, data: method === "GET" ? undefined : "" });
        const status = response.status();
        const location = response.headers()["location"] ?? "";
        const where = `${method} ${route.url} as ${role}`;
        expect(status, where).toBeLessThan(500);
        if (route.access === "twilio" || route.access === "signed") expect(status, where).toBe(403);
        else if (route.access === "sandbox-api") expect(status, where).toBe(401);
        else if (route.access === "public") expect([401, 403], where).not.toContain(status);
        else if (allowed(route.access, role)) {
          expect([401, 403], where).not.toContain(status);
          expect(location, where).not.toContain("/login");
        } else if (role === "agent") expect(status, where).toBe(403);
        else if (route.methods) {
          // The proxy may send an anonymous caller to sign in before the handler answers 401.
          const toLogin = [302, 303, 307].includes(status) && location.includes("/login");
          expect(status === 401 || toLogin, `${where}: ${status}`).toBe(true);
        }
        else {
          expect([302, 303, 307], where).toContain(status);
          expect(location, where).toContain("/login");
        }
      }
    }
    await api.dispose();
  });

  test(`as ${role}, server actions it may not call are refused`, async ({ baseURL }) => {
    const api = await contextFor(role, baseURL!);
    for (const [key, action] of Object.entries(actions)) {
      if (allowed(action.access, role)) continue;
      const [file, name] = key.split("#") as [string, string];
      expect(file, key).toMatch(/^(app|lib|components)\//);
      const response = await api.post(serverActionPage(name), {
        headers: { "Next-Action": serverActionId(name), Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL! },
        data: JSON.stringify(action.args),
        maxRedirects: 0,
      });
      const status = response.status();
      const where = `${name} as ${role}`;
      if (role === "agent") expect(status, where).toBe(403);
      else {
        const redirect = response.headers()["x-action-redirect"] ?? response.headers()["location"] ?? "";
        expect(status === 401 || status === 403 || redirect.includes("/login"), `${where}: ${status} ${redirect}`).toBe(true);
      }
    }
    await api.dispose();
  });
}
