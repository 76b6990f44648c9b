import { NextResponse } from "next/server";
import type { z } from "zod";
import type { User } from "@/db/schema";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { OutgoingFile } from "@/lib/outbound/files";
import { PolicyWarning } from "@/lib/outbound/policy-warning";
import { CollisionWarning } from "@/lib/tickets/collision";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { readRequestBody } from "./body";
import { readComposerForm } from "./composer-form";
import { errorResponse } from "./respond";
import { assertSameOrigin } from "./same-origin";

/** What a route's body is read as: JSON, or a composer's multipart form (its text fields, and files under "files"). */
type BodyFormat = "json" | "composer";

interface RouteOptions<S extends z.ZodType | undefined> {
  /** Who may call: any signed-in user, or admins only. */
  role: "user" | "admin";
  /** A change: refuse a request another site's page sent (its Origin must be this host). */
  sameOrigin?: boolean;
  /** The body's schema; without one the body is not read. */
  body?: S;
  /** How the body is read (JSON unless said). */
  format?: BodyFormat;
  /**
   * What a caller is told when the body does not fit the schema: a message (with the fields'
   * errors), or a function for routes that say more. "Check the highlighted fields." unless said.
   */
  invalid?: string | ((error: z.ZodError) => AppError);
}

export interface RouteCall<B> {
  request: Request;
  user: User;
  body: B;
  /** The composer's files; empty for JSON bodies. */
  files: OutgoingFile[];
  /** The route's dynamic segments. */
  params: Record<string, string | undefined>;
}

type Body<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * A route handler of the inbox or settings: who may call (401/403), that a change comes from
 * this app's own pages, the body read and parsed with zod (400 with field errors; a body the
 * client stopped sending is 400 too), and every error answered as its status and a message
 * for people, internals only to the log. Twilio's webhooks and the sandbox keep their own gates.
 */
export function route<S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  handler: (call: RouteCall<Body<S>>) => Promise<Response>,
): (request: Request, context?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response> {
  return async (request, context) => {
    try {
      if (options.sameOrigin) assertSameOrigin(request);
      const user = await authorizeRequest(options.role === "admin" ? "admin" : "agent");
      const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([key, value]) => [key, typeof value === "string" ? value : undefined]));
      let body: unknown = undefined;
      let files: OutgoingFile[] = [];
      if (options.body) {
        let raw: unknown;
        if (options.format === "composer") ({ fields: raw, files } = await readRequestBody(request, readComposerForm));
        else raw = await readRequestBody(request, readJson);
        const parsed = options.body.safeParse(raw);
        if (!parsed.success) throw invalidBody(options.invalid, parsed.error);
        body = parsed.data;
      }
      return await handler({ request, user, body: body as Body<S>, files, params });
    } catch (error) {
      return routeErrorResponse(error);
    }
  };
}

function invalidBody(invalid: RouteOptions<z.ZodType>["invalid"], error: z.ZodError): AppError {
  if (typeof invalid === "function") return invalid(error);
  return new AppError("bad_request", invalid ?? "Check the highlighted fields.", fieldErrorsOf(error));
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request was not valid JSON.");
  }
}

/** AppErrors as their status; a messaging-policy warning or a collision carries what the composer shows with it. */
function routeErrorResponse(error: unknown): Response {
  if (error instanceof PolicyWarning) {
    return NextResponse.json({ error: { code: "policy_warning", message: error.message, policy: error.policy } }, { status: 409 });
  }
  if (error instanceof CollisionWarning) {
    return NextResponse.json({ error: { code: "collision", message: error.message, arrived: error.arrived } }, { status: 409 });
  }
  return errorResponse(error);
}
