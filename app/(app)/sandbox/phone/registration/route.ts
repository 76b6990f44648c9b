import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { forgetUsReadiness } from "@/lib/integrations/readiness";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { SandboxError } from "@/lib/sandbox/errors";
import { setSandboxRegistration } from "@/lib/sandbox/registration";
import { registrationSchema } from "@/lib/sandbox/simulator-validation";

export const dynamic = "force-dynamic";

/**
 * Admins only: sets a sandbox number's US registration (its Messaging Service's A2P 10DLC
 * campaign, or its toll-free verification), so every readiness state can be tried.
 */
export const POST = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  assertSameOrigin(request);
  await authorizeRequest("admin");
  const parsed = registrationSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw new AppError("bad_request", "Choose a business number and a registration state.");
  const db = await getDb();
  try {
    await setSandboxRegistration({ db, phoneNumber: parsed.data.business, registration: parsed.data.registration });
  } catch (error) {
    if (error instanceof SandboxError) throw new AppError(error.status === 404 ? "not_found" : "bad_request", error.message);
    throw error;
  }
  // What Twilio would now answer: the app's kept answers are out of date.
  forgetUsReadiness();
  await publishInboxEvent({ db, event: { type: "sandbox.updated", handset: parsed.data.business } });
  return NextResponse.json({ ok: true });
});
