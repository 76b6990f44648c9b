import type { DbOrTx } from "@/db/client";
import { listLiveSmsIntegrations } from "@/db/queries/sending";
import { listUsers } from "@/db/queries/users";
import { countryName, countryOfNumber, formatPhoneNumber, localExampleNumber } from "@/lib/phone/normalize";

export interface AgentOption {
  id: string;
  name: string;
}

export interface IntegrationOption {
  id: string;
  name: string;
  phoneDisplay: string;
  active: boolean;
  maxMessageLength: number;
  /** How a number typed without a country code is read when sending from this integration. */
  local: { countryName: string; example: string } | null;
}

/** Who a ticket can be assigned to: active users, by name. */
export async function listAssignableAgents({ db }: { db: DbOrTx }): Promise<AgentOption[]> {
  return (await listUsers({ db })).filter((user) => user.active).map((user) => ({ id: user.id, name: user.name }));
}

/** SMS integrations for the inbox filter and the new-conversation form. */
export async function listIntegrationOptions({ db }: { db: DbOrTx }): Promise<IntegrationOption[]> {
  return (await listLiveSmsIntegrations({ db })).map((integration) => ({
    id: integration.id,
    name: integration.name,
    phoneDisplay: formatPhoneNumber(integration.phoneE164),
    active: integration.status === "active",
    maxMessageLength: integration.maxMessageLength,
    local: localReading(integration.phoneE164),
  }));
}

function localReading(e164: string): IntegrationOption["local"] {
  const country = countryOfNumber(e164);
  const example = localExampleNumber(country);
  return country && example ? { countryName: countryName(country), example } : null;
}
