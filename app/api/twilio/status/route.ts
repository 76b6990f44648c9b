import { handleStatusCallbackWebhook } from "@/lib/inbound/status-webhook";

export const dynamic = "force-dynamic";

/** Twilio's delivery-status callback; a server process answers it before this route (lib/http/webhook-fast-path.ts). */
export const POST = handleStatusCallbackWebhook;
