import { verifyTwilioWebhook } from "@/lib/twilio/webhook";
import { twimlEmpty } from "@/lib/twilio/twiml";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const check = await verifyTwilioWebhook(request, "/api/twilio/sms");
  if (!check.ok) return check.response;
  return twimlEmpty();
}
