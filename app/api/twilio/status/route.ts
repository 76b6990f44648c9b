import { verifyTwilioWebhook } from "@/lib/twilio/webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const check = await verifyTwilioWebhook(request, "/api/twilio/status");
  if (!check.ok) return check.response;
  return new Response(null, { status: 204 });
}
