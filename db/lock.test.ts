import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";

const children: ChildProcess[] = [];

function openInChild(dataDir: string): { child: ChildProcess; output: Promise<{ code: number | null; text: string }>; opened: Promise<void> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/open-database.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let text = "";
  let resolveOpened: () => void;
  const opened = new Promise<void>((resolve) => (resolveOpened = resolve));
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    if (text.includes("OPENED")) resolveOpened();
  });
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const output = new Promise<{ code: number | null; text: string }>((resolve) => child.on("exit", (code) => resolve({ code, text })));
  return { child, output, opened };
}

/** A new data folder holding a migrated database, as a process leaves it when it stops. */
function dataFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-test-"));
  fs.cpSync(inject("pgliteTemplate").dataDir, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe("the PGlite data folder lock", () => {
  it("refuses a second process on the same folder, naming the holder and PostgreSQL as the way to scale", async () => {
    const dir = dataFolder();
    const first = openInChild(dir);
    await first.opened;

    const second = openInChild(dir);
    const { code, text } = await second.output;
    expect(code).toBe(3);
    expect(text).toContain(`in use by process ${first.child.pid}`);
    expect(text).toContain("DATABASE_URL");
  }, 180_000);

  it("takes over the lock of a process that died without releasing it", async () => {
    const dir = dataFolder();
    const first = openInChild(dir);
    await first.opened;
    first.child.kill("SIGKILL");
    await first.output;

    const second = openInChild(dir);
    await second.opened;
    expect(JSON.parse(fs.readFileSync(path.join(dir, "app.lock"), "utf8")).pid).toBe(second.child.pid);
  }, 180_000);
});
