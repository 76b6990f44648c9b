import { checkMessagingPolicy } from "@/lib/policy/check";
import { checkLength, DEFAULT_MAX_LENGTH, measureSms, type SmsMeasure } from "@/lib/sms/segments";
import { CUSTOMER_NAME_ALLOWANCE, fallbackRendering, renderTemplate, unknownPlaceholders, worstCaseRendering } from "./template";

/** An SMS integration a rule can send from: its name and length limit. */
export interface ReplyTarget {
  name: string;
  maxMessageLength: number;
}

/**
 * The limit an auto-reply is held to: the strictest of the integrations the rule is limited
 * to. A rule for any integration must fit every one of them, and the product's 160 that a
 * new integration starts with.
 */
export function replyLengthLimit(chosen: readonly ReplyTarget[], all: readonly ReplyTarget[] = []): number {
  const targets = chosen.length > 0 ? chosen : [...all, { name: "", maxMessageLength: DEFAULT_MAX_LENGTH }];
  return Math.min(...targets.map((target) => target.maxMessageLength));
}

/** `longest`: the reply with the longest names it can get, which the counter measures. */
export type ReplyCheck =
  | { ok: true; measure: SmsMeasure; limit: number; longest: string }
  | { ok: false; message: string; measure: SmsMeasure; limit: number; longest: string; policyCategory?: string };

/**
 * Whether an auto-reply can be saved: known placeholders only, within the length limit with
 * room for a customer's name, and clean for the messaging policy checker. The form shows the
 * same measure as the composer's counter.
 */
export function checkAutoReplyText(template: string, { chosen, all }: { chosen: readonly ReplyTarget[]; all: readonly ReplyTarget[] }): ReplyCheck {
  const limit = replyLengthLimit(chosen, all);
  const targets = chosen.length > 0 ? chosen : all;
  const longest = worstCaseRendering(template, targets.map((target) => target.name));
  const measure = measureSms(longest);
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) {
    return { ok: false, limit, measure, longest, message: `${unknown.join(", ")} is not a placeholder the app knows. Use {{customer.name}} or {{integration.name}}.` };
  }
  const length = checkLength(longest, limit);
  if (!length.ok) {
    const named = longest !== template ? ` (counting ${CUSTOMER_NAME_ALLOWANCE} characters for a customer's name)` : "";
    return { ok: false, limit, measure, longest, message: `This reply can be ${measure.characters} characters${named}; the limit is ${limit}. Shorten it.` };
  }
  const renderings = [fallbackRendering(template), ...targets.map((target) => renderTemplate(template, { integrationName: target.name }))];
  for (const text of renderings) {
    const policy = checkMessagingPolicy(text);
    if (!policy.ok) {
      return {
        ok: false,
        limit,
        measure,
        longest,
        policyCategory: policy.label,
        message: `This reply likely breaks the messaging policy (${policy.label}: “${policy.matched}”). Rules cannot send such text; rephrase it.`,
      };
    }
  }
  return { ok: true, limit, measure, longest };
}
