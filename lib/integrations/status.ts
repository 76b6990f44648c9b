import type { Database } from "@/db/client";
import { changeIntegrationStatus, getIntegration, recordEventOnOpenTickets } from "@/db/queries/integrations";
import { recordAuditEntry } from "@/db/queries/audit";
import type { SmsIntegration } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const INTEGRATION_DEACTIVATED = "integration.deactivated";
export const INTEGRATION_REACTIVATED = "integration.reactivated";

/** Suggestions offered in the form; any reason may be typed. */
export const DEACTIVATION_REASONS = [
  "Messaging policy violation",
  "Carrier complaint under review",
  "Paused by an admin",
] as const;

/**
 * Stops the integration sending anything, and writes the reason on each of its open
 * tickets, in one transaction, so every ticket shows why replies are not going out.
 */
export async function deactivateSmsIntegration({ db, id, reason, actorId }: { db: Database; id: string; reason: string; actorId: string }): Promise<SmsIntegration> {
  const result = await db.transaction(async (tx) => {
    const updated = await changeIntegrationStatus({ db: tx, id, to: "deactivated", reason });
    if (!updated) return null;
    // The name as it is now: the timeline keeps saying which integration, even after a rename.
    const tickets = await recordEventOnOpenTickets({ db: tx, integrationId: id, type: INTEGRATION_DEACTIVATED, actorId, data: { integrationName: updated.name, reason } });
    await recordAuditEntry({ db: tx, action: INTEGRATION_DEACTIVATED, actorId, details: { integrationId: id, integrationName: updated.name, reason, tickets } });
    return updated;
  });
  if (!result) throw await notInState(db, id, "deactivated");
  log.info({ event: "integration_deactivated", integrationId: id }, "sms integration deactivated");
  return result;
}

export async function reactivateSmsIntegration({ db, id, actorId }: { db: Database; id: string; actorId: string }): Promise<SmsIntegration> {
  const result = await db.transaction(async (tx) => {
    const updated = await changeIntegrationStatus({ db: tx, id, to: "active" });
    if (!updated) return null;
    await recordEventOnOpenTickets({ db: tx, integrationId: id, type: INTEGRATION_REACTIVATED, actorId, data: { integrationName: updated.name } });
    await recordAuditEntry({ db: tx, action: INTEGRATION_REACTIVATED, actorId, details: { integrationId: id, integrationName: updated.name } });
    return updated;
  });
  if (!result) throw await notInState(db, id, "active");
  log.info({ event: "integration_reactivated", integrationId: id }, "sms integration reactivated");
  return result;
}

async function notInState(db: Database, id: string, wanted: "active" | "deactivated"): Promise<AppError> {
  const integration = await getIntegration({ db, id });
  if (!integration) return new AppError("not_found", "That SMS integration no longer exists.");
  return new AppError("conflict", `“${integration.name}” is already ${wanted === "active" ? "active" : "deactivated"}.`);
}
