import { getDb } from "@/db";
import { listIntegrations } from "@/db/queries/integrations";
import type { IntegrationLimit } from "./fit";

/** The active SMS integrations' names and message limits, for the saved-reply editor's counter. */
export async function integrationLimits(): Promise<IntegrationLimit[]> {
  const integrations = await listIntegrations({ db: await getDb() });
  return integrations.filter((integration) => integration.status === "active").map(({ name, maxMessageLength }) => ({ name, maxMessageLength }));
}
