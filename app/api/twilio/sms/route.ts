import { handleInboundSmsWebhook } from "@/lib/inbound/sms-webhook";

export const dynamic = "force-dynamic";

/** Twilio's inbound SMS/MMS webhook; a server process answers it before this route (lib/http/webhook-fast-path.ts). */
export const POST = handleInboundSmsWebhook;
