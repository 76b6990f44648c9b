import fs from "node:fs";
import type { APIResponse, Page } from "@playwright/test";

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

function manifestEntry(exportedName: string): [string, ManifestEntry] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action named ${exportedName} in this build`);
  return found;
}

/** The id Next gave a server action in this build, read from the build's manifest. */
export function serverActionId(exportedName: string): string {
  return manifestEntry(exportedName)[0];
}

/** A page that uses the action: Next runs an action in the page it is posted to. */
export function serverActionPage(exportedName: string): string {
  const worker = Object.keys(manifestEntry(exportedName)[1].workers)[0] ?? "app/page";
  return worker.replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/";
}

/** Calls a server action the way a hand-made request would, with the page's cookies. */
export async function callServerAction(page: Page, path: string, exportedName: string, args: unknown[], origin?: string): Promise<APIResponse> {
  const baseURL = new URL(page.url() === "about:blank" ? "http://127.0.0.1/" : page.url()).origin;
  return page.request.post(path, {
    headers: {
      "Next-Action": serverActionId(exportedName),
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: origin ?? baseURL,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}
