import { NextResponse } from "next/server";
import { getDatabaseHandle, databaseDriver } from "@/db";
import { env } from "@/env";
import { twilioMode } from "@/lib/config/env";

export const dynamic = "force-dynamic";

const PING_TIMEOUT_MS = 2000;

export async function GET() {
  const base = { database: databaseDriver(), twilio: twilioMode(), role: env().APP_ROLE };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getDatabaseHandle().then((handle) => handle.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS);
      }),
    ]);
    return NextResponse.json({ status: "ok", ...base }, { headers: { "Cache-Control": "no-store, no-transform" } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return NextResponse.json(
      { status: "unavailable", ...base, reason: `The database does not answer: ${reason}` },
      { status: 503 },
    );
  } finally {
    clearTimeout(timer);
  }
}
