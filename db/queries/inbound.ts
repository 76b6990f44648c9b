import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { allowedCountries, messages, rules, smsIntegrations, type SmsIntegration } from "../schema";

export interface InboundContext {
  /** The MessageSid is already stored (Twilio retried). */
  seen: boolean;
  /** The SMS integration on the number the message was sent to, if it has one. */
  integration: SmsIntegration | null;
  /** Countries admins allowed on top of the built-in list. */
  extraAllowedCountries: string[];
  /** Whether any rule is enabled, so whether rules need to look at the message at all. */
  rulesEnabled: boolean;
}

/**
 * Everything an inbound message is checked against before it is filed, in one round trip.
 * With no integration on the number nothing else matters: the message is not filed.
 */
export async function loadInboundContext({ db, messageSid, toE164 }: { db: DbOrTx; messageSid: string; toE164: string }): Promise<InboundContext> {
  const [row] = await db
    .select({
      seen: sql<boolean>`exists (select 1 from ${messages} where ${messages.twilioSid} = ${messageSid})`,
      countries: sql<string[] | null>`(select array_agg(${allowedCountries.country}) from ${allowedCountries})`,
      rulesEnabled: sql<boolean>`exists (select 1 from ${rules} where ${rules.enabled})`,
      integration: smsIntegrations,
    })
    .from(smsIntegrations)
    .where(and(eq(smsIntegrations.phoneE164, toE164), isNull(smsIntegrations.deletedAt)));
  if (!row) return { seen: false, integration: null, extraAllowedCountries: [], rulesEnabled: false };
  return { seen: row.seen, integration: row.integration, extraAllowedCountries: row.countries ?? [], rulesEnabled: row.rulesEnabled };
}
