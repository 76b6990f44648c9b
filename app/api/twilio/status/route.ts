import { getDb } from "@/db";
import { errorResponse } from "@/lib/http/respond";
import { statusCallbackSchema } from "@/lib/inbound/validation";
import { applyStatusCallback } from "@/lib/inbound/status-callback";
import { verifyTwilioWebhook } from "@/lib/twilio/webhook";

export const dynamic = "force-dynamic";

/** Twilio's delivery-status callback for messages the app sent. */
export async function POST(request: Request) {
  try {
    const check = await verifyTwilioWebhook(request, "/api/twilio/status");
    if (!check.ok) return check.response;
    const parsed = statusCallbackSchema.safeParse(check.params);
    if (!parsed.success) {
      return new Response("Invalid status callback: MessageSid and MessageStatus are required.", { status: 400 });
    }
    await applyStatusCallback({ db: await getDb(), messageSid: parsed.data.MessageSid, status: parsed.data.MessageStatus, errorCode: parsed.data.ErrorCode });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
