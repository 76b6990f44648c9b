import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { getNotificationSettings, saveNotificationSettings } from "@/db/queries/ticket-reads";
import { route } from "@/lib/http/route";
import { notificationSettingsSchema } from "@/lib/notifications/validation";

export const dynamic = "force-dynamic";

/** The signed-in agent's own notification choices; nobody reads or sets anyone else's. */
export const GET = route({ role: "user" }, async ({ user }) =>
  NextResponse.json(await getNotificationSettings({ db: await getDb(), userId: user.id }), { headers: { "Cache-Control": "no-store" } }),
);

export const PATCH = route(
  { role: "user", sameOrigin: true, body: notificationSettingsSchema, invalid: "Those notification settings are not ones the inbox knows." },
  async ({ user, body }) => NextResponse.json(await saveNotificationSettings({ db: await getDb(), userId: user.id, settings: body })),
);
