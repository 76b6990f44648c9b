import type { DbOrTx } from "@/db/client";
import { listEverySmsIntegration } from "@/db/queries/sending";
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
  /** Sends and receives: not deactivated, not deleted. */
  active: boolean;
  /** Deleted: kept for the inbox filter, since its tickets stay. */
  deleted: boolean;
  maxMessageLength: number;
  /** How a number typed without a country code is read when sending from this integration. */
  local: { countryName: string; example: string } | null;
}

/** Who a ticket can be assigned to: active users, by name. */
export async function listAssignableAgents({ db }: { db: DbOrTx }): Promise<AgentOption[]> {
  return (await listUsers({ db })).filter((user) => user.active).map((user) => ({ id: user.id, name: user.name }));
}

/**
 * SMS integrations for the inbox filter and the new-conversation form (which offers active
 * ones only): live ones by name, then deleted ones whose tickets are still around.
 */
export async function listIntegrationOptions({ db }: { db: DbOrTx }): Promise<IntegrationOption[]> {
  const every = await listEverySmsIntegration({ db });
  return [...every.filter((row) => !row.deletedAt), ...every.filter((row) => row.deletedAt)].map((integration) => ({
    id: integration.id,
    name: integration.name,
    phoneDisplay: formatPhoneNumber(integration.phoneE164),
    active: integration.status === "active" && !integration.deletedAt,
    deleted: !!integration.deletedAt,
    maxMessageLength: integration.maxMessageLength,
    local: localReading(integration.phoneE164),
  }));
}

function localReading(e164: string): IntegrationOption["local"] {
  const country = countryOfNumber(e164);
  const example = localExampleNumber(country);
  return country && example ? { countryName: countryName(country), example } : null;
}
