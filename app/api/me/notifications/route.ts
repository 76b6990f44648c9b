import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { getNotificationSettings, saveNotificationSettings } from "@/db/queries/ticket-reads";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handleInbox, readJson } from "@/lib/http/inbox";
import { notificationSettingsSchema } from "@/lib/notifications/validation";

export const dynamic = "force-dynamic";

/** The signed-in agent's own notification choices; nobody reads or sets anyone else's. */
export const GET = handleInbox(async () => {
  const user = await authorizeRequest();
  return NextResponse.json(await getNotificationSettings({ db: await getDb(), userId: user.id }), { headers: { "Cache-Control": "no-store" } });
});

export const PATCH = handleInbox(async (request: Request) => {
  assertSameOrigin(request);
  const user = await authorizeRequest();
  const parsed = notificationSettingsSchema.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("bad_request", "Those notification settings are not ones the inbox knows.");
  return NextResponse.json(await saveNotificationSettings({ db: await getDb(), userId: user.id, settings: parsed.data }));
});
