import type { Database } from "@/db/client";
import { listAssignableUsers, listRuleIntegrations, listRules } from "@/db/queries/rules";
import type { Rule } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { classifyKeyword } from "@/lib/inbound/keywords";
import { isCountryAllowed } from "@/lib/phone/countries";
import { describeLocalTime, instantFromLocalTime, localTimeAt } from "./business-hours";
import type { RuleDefinition } from "./match";
import { planRules, type RulePlan } from "./plan";
import { getBusinessHours } from "./store";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { ruleTestSchema, storedRuleSchema } from "./validation";
import { listExtraAllowedCountryCodes } from "@/lib/integrations/countries";

const UNREADABLE = "The rule could not be read. Open it and save it again.";

function toDefinition(rule: Rule): RuleDefinition & { readable: boolean } {
  const stored = storedRuleSchema.safeParse({ conditions: rule.conditions, actions: rule.actions });
  const base = { id: rule.id, name: rule.name, trigger: rule.trigger };
  if (!stored.success) return { ...base, enabled: false, conditions: [], actions: [], readable: false };
  return { ...base, enabled: rule.enabled, ...stored.data, readable: true };
}

/**
 * The Test panel's answer: every rule, in order, with whether it would match a sample
 * message at a sample time and what it would do. Reads only; sends and changes nothing.
 */
export async function testRules({ db, input }: { db: Database; input: unknown }): Promise<{ plans: RulePlan[]; localTimeLabel: string }> {
  const parsed = ruleTestSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Check the sample message's fields.", fieldErrorsOf(parsed.error));
  const sample = parsed.data;
  const integrations = await listRuleIntegrations({ db });
  const integration = integrations.find((candidate) => candidate.id === sample.integrationId);
  if (!integration) throw new AppError("bad_request", "Choose an SMS integration.", { integrationId: "That SMS integration no longer exists." });
  const businessHours = await getBusinessHours({ db });
  const timeZone = businessHours?.timeZone ?? "UTC";
  const receivedAt = instantFromLocalTime(sample.localTime, timeZone);
  if (!receivedAt) throw new AppError("bad_request", "Choose a date and time.", { localTime: "Choose a date and time." });

  const users = await listAssignableUsers({ db });
  const definitions = (await listRules({ db })).map(toDefinition);
  const plans = planRules({
    rules: definitions,
    subject: {
      ticketCreated: sample.ticketCreated,
      isFirstMessage: sample.ticketCreated,
      body: sample.body,
      receivedAt,
      integrationId: integration.id,
      customerCountry: sample.country,
      assigneeId: sample.assigned ? "someone" : null,
      ticketStatus: "open",
      tags: [],
    },
    environment: {
      businessHours,
      names: { integrations: Object.fromEntries(integrations.map((i) => [i.id, i.name])), users: Object.fromEntries(users.map((u) => [u.id, u.name])) },
    },
    replyFacts: {
      keyword: classifyKeyword(sample.body),
      integration: { name: integration.name, active: integration.status === "active" },
      optedOut: false,
      country: sample.country,
      countryAllowed: isCountryAllowed(sample.country, await listExtraAllowedCountryCodes({ db })),
    },
    values: { customerName: sample.customerName || null, integrationName: integration.name },
    maxLength: integration.maxMessageLength,
  });
  const readable = new Map(definitions.map((definition) => [definition.id, definition.readable]));
  return {
    plans: plans.map((plan) => (readable.get(plan.ruleId) ? plan : { ...plan, reason: UNREADABLE })),
    localTimeLabel: `${describeLocalTime(localTimeAt(receivedAt, timeZone))} (${timeZone})`,
  };
}
