import type { DbOrTx } from "@/db/client";
import { recordSandboxOptOut, removeSandboxOptOut } from "@/db/queries/sandbox-opt-outs";
import { classifyKeyword, type KeywordKind } from "@/lib/inbound/keywords";

export type OptOutType = "STOP" | "START" | "HELP";

const OPT_OUT_TYPES: Record<KeywordKind, OptOutType> = { "opt-out": "STOP", "opt-in": "START", help: "HELP" };

// Twilio's default answers to the carrier keywords on long codes, sent to the customer.
const AUTO_REPLIES: Record<OptOutType, string> = {
  STOP: "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.",
  START: "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
  HELP: "Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
};

/** The `OptOutType` Twilio adds to the webhook for a keyword message, if the body is one. */
export function optOutTypeFor(body: string): OptOutType | null {
  const keyword = classifyKeyword(body);
  return keyword ? OPT_OUT_TYPES[keyword.kind] : null;
}

/**
 * What the carrier does with a keyword before the app hears of it: STOP and its synonyms
 * block the business number from texting this phone, START and its synonyms lift that.
 * Returns Twilio's automatic answer to send back, if any.
 */
export async function applyCarrierKeyword({
  db,
  businessNumber,
  handsetNumber,
  body,
}: {
  db: DbOrTx;
  businessNumber: string;
  handsetNumber: string;
  body: string;
}): Promise<string | null> {
  const type = optOutTypeFor(body);
  if (type === "STOP") await recordSandboxOptOut({ db, businessNumber, handsetNumber });
  if (type === "START") await removeSandboxOptOut({ db, businessNumber, handsetNumber });
  return type ? AUTO_REPLIES[type] : null;
}
