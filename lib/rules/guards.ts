import type { CarrierKeyword } from "@/lib/inbound/keywords";
import { countryName } from "@/lib/phone/normalize";
import { checkMessagingPolicy } from "@/lib/policy/check";
import { checkLength } from "@/lib/sms/segments";

/** How long one rule keeps quiet on a ticket after it replied, so two bots cannot text each other forever. */
export const AUTO_REPLY_QUIET_HOURS = 24;

export interface AutoReplyFacts {
  /** The carrier keyword the message was (STOP, START, HELP…), if it was one. */
  keyword: CarrierKeyword | null;
  integration: { name: string; active: boolean };
  optedOut: boolean;
  country: string | null;
  countryAllowed: boolean;
  /** This rule already auto-replied on this ticket within AUTO_REPLY_QUIET_HOURS. */
  repliedRecently: boolean;
}

function keywordReason(keyword: CarrierKeyword): string {
  switch (keyword.kind) {
    case "opt-out":
      return `the customer replied ${keyword.keyword}, which unsubscribes them`;
    case "opt-in":
      return `the customer replied ${keyword.keyword}, a keyword the carrier answers itself`;
    case "help":
      return `the customer sent ${keyword.keyword}, a keyword the carrier answers itself`;
  }
}

/** Why an auto-reply must not go out, in words that finish "No auto-reply: …"; null when it may. */
export function autoReplyBlock(facts: AutoReplyFacts): string | null {
  if (facts.keyword) return keywordReason(facts.keyword);
  if (!facts.integration.active) return `the SMS integration “${facts.integration.name}” is deactivated`;
  if (facts.optedOut) return "the customer has unsubscribed (replied STOP)";
  if (!facts.countryAllowed) {
    return facts.country ? `messages to ${countryName(facts.country)} are not allowed` : "the customer's country is not known";
  }
  if (facts.repliedRecently) return `this rule already replied on this ticket in the last ${AUTO_REPLY_QUIET_HOURS} hours`;
  return null;
}

/** Whether a rendered reply may be sent as is: within the integration's limit, and clean for the policy checker. */
export function replyAcceptable(text: string, maxLength: number): boolean {
  return checkLength(text, maxLength).ok && checkMessagingPolicy(text).ok;
}
