import type { Page } from "@playwright/test";
import { expect } from "./test";

export const admin = { name: "Ada Admin", email: "ada@example.com", password: "correct horse battery" };
export const agent = { name: "Sam Agent", email: "sam@example.com", password: "agent password 1" };

/**
 * Where this run keeps its signed-in sessions and the app's database location: one folder per
 * port, so runs on two ports at once (PGlite and PostgreSQL, `npm run test:e2e`) keep apart.
 */
export const runDir = `e2e/.auth/${process.env.E2E_PORT || 3100}`;
export const adminState = `${runDir}/admin.json`;
export const agentState = `${runDir}/agent.json`;
export const deactivatedState = `${runDir}/deactivated.json`;
/** { DATABASE_URL } or { DATA_DIR }: the database the app under test uses (written by server.mjs). */
export const databaseFile = `${runDir}/database.json`;
export const deactivated = { name: "Dora Deactivated", email: "dora@example.com", password: "dora password 1" };

/** A fresh address per test, so tests never share a user. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function addUserAsAdmin(page: Page, user: { name: string; email: string; password: string; role?: "agent" | "admin" }) {
  await page.goto("/settings/users");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await form.getByLabel("Name").fill(user.name);
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Initial password").fill(user.password);
  await form.getByLabel("Role").selectOption(user.role ?? "agent");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toContainText("User added.");
  await expect(page.getByRole("cell", { name: user.email })).toBeVisible();
}
