import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { PolicyWarning } from "@/lib/outbound/policy-warning";
import type { OutgoingFile } from "@/lib/outbound/files";
import { MAX_UPLOAD_BYTES_TOTAL } from "@/lib/media/sniff";
import { CollisionWarning } from "@/lib/tickets/collision";
import { errorResponse } from "./respond";

/**
 * Route handlers for the inbox: AppErrors become their status, and a messaging policy
 * warning carries its category so the composer can offer "Send anyway".
 */
export function handleInbox<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error instanceof PolicyWarning) {
        return NextResponse.json({ error: { code: "policy_warning", message: error.message, policy: error.policy } }, { status: 409 });
      }
      if (error instanceof CollisionWarning) {
        return NextResponse.json({ error: { code: "collision", message: error.message, arrived: error.arrived } }, { status: 409 });
      }
      return errorResponse(error);
    }
  };
}

/**
 * Changes come only from this app's own pages. The session cookie is SameSite=Lax already;
 * this also turns away a cross-site form post carrying a browser's cookie some other way.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "This request did not come from the inbox.");
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "This request did not come from the inbox.");
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "The request was not valid JSON.");
  }
}

// The pictures' own limit (before scaling down) plus room for the text and the form's framing.
const MAX_FORM_BYTES = MAX_UPLOAD_BYTES_TOTAL + 512 * 1024;

/** A composer form: its text fields, and the files under "files". */
export async function readComposerForm(request: Request): Promise<{ fields: Record<string, string>; files: OutgoingFile[] }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_FORM_BYTES) throw new AppError("bad_request", `The pictures come to more than ${MAX_UPLOAD_BYTES_TOTAL / 1024 / 1024} MB; pick smaller ones.`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "The message could not be read. Try again.");
  }
  const fields: Record<string, string> = {};
  const files: OutgoingFile[] = [];
  for (const [key, value] of form) {
    if (typeof value === "string") fields[key] = value;
    else if (key === "files" && value.size > 0) files.push({ fileName: value.name, data: new Uint8Array(await value.arrayBuffer()) });
  }
  return { fields, files };
}
