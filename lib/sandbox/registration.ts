import type { Database } from "@/db/client";
import { getSandboxService, insertSandboxService, setSandboxNumberRegistration, updateSandboxServiceCampaign, type SandboxMessagingService } from "@/db/queries/sandbox-messaging";
import { getSandboxNumberByPhone, type SandboxPhoneNumber } from "@/db/queries/sandbox-numbers";
import { formatPhoneNumber } from "@/lib/phone/normalize";
import { SandboxError } from "./errors";
import { registrationKind, type SandboxRegistration } from "./registration-states";
import { newSid } from "./sids";

export { registrationKind, SANDBOX_REGISTRATIONS, type RegistrationKind, type SandboxRegistration } from "./registration-states";

const CAMPAIGN_STATUS: Record<Exclude<SandboxRegistration, "unregistered">, string> = { pending: "IN_PROGRESS", registered: "VERIFIED", rejected: "FAILED" };
const VERIFICATION_STATUS: Record<Exclude<SandboxRegistration, "unregistered">, string> = { pending: "IN_REVIEW", registered: "TWILIO_APPROVED", rejected: "TWILIO_REJECTED" };

function fromStatus(status: string | null, table: Record<string, string>): SandboxRegistration {
  const found = Object.entries(table).find(([, value]) => value === status);
  return (found?.[0] as SandboxRegistration | undefined) ?? "unregistered";
}

/** What the panel shows for a number, from its service's campaign or its verification. */
export function registrationOf(number: SandboxPhoneNumber, service: SandboxMessagingService | null): SandboxRegistration {
  if (registrationKind(number) === "toll-free") return fromStatus(number.tollfreeVerificationStatus, VERIFICATION_STATUS);
  return fromStatus(service?.campaignStatus ?? null, CAMPAIGN_STATUS);
}

/**
 * Sets a US or Canadian number's registration as Twilio would have it: a toll-free number's
 * verification status; for a 10-digit number, the A2P campaign of its Messaging Service (a
 * number in none gets a service of its own first). A campaign belongs to the service, so it
 * changes for every number in that service.
 */
export async function setSandboxRegistration({
  db,
  phoneNumber,
  registration,
}: {
  db: Database;
  phoneNumber: string;
  registration: SandboxRegistration;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const number = await getSandboxNumberByPhone({ db: tx, phoneNumber });
    if (!number) throw new SandboxError(404, 20404, `${phoneNumber} is not a sandbox number.`);
    const kind = registrationKind(number);
    if (!kind) throw new SandboxError(400, 21606, `${formatPhoneNumber(phoneNumber)} is not a US or Canadian number: US registration does not apply.`);
    if (kind === "toll-free") {
      const status = registration === "unregistered" ? null : VERIFICATION_STATUS[registration];
      await setSandboxNumberRegistration({
        db: tx,
        sid: number.sid,
        changes: { tollfreeVerificationStatus: status, tollfreeVerificationSid: status ? (number.tollfreeVerificationSid ?? newSid("HH")) : null },
      });
      return;
    }
    let service = number.messagingServiceSid ? await getSandboxService({ db: tx, accountSid: number.accountSid, sid: number.messagingServiceSid }) : null;
    if (!service && registration === "unregistered") return;
    if (!service) {
      service = await insertSandboxService({
        db: tx,
        service: { sid: newSid("MG"), accountSid: number.accountSid, friendlyName: `${number.friendlyName} service` },
      });
      await setSandboxNumberRegistration({ db: tx, sid: number.sid, changes: { messagingServiceSid: service.sid } });
    }
    const status = registration === "unregistered" ? null : CAMPAIGN_STATUS[registration];
    await updateSandboxServiceCampaign({ db: tx, sid: service.sid, campaignStatus: status, campaignSid: status ? (service.campaignSid ?? newSid("QE")) : null });
  });
}
