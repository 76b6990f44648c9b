import type { Database } from "@/db/client";
import { listTicketViewers, removeViewer, touchViewer, type TicketViewer } from "@/db/queries/presence";
import { getTicket } from "@/db/queries/tickets";
import { AppError } from "@/lib/errors";
import { publishInboxEvent } from "@/lib/realtime/publish";
import type { PresenceReport } from "./validation";

/**
 * Records a tab's heartbeat and tells every app process's browsers when it changes what
 * others see; answers with who else has the ticket open now.
 */
export async function reportPresence({ db, ticketId, userId, report }: { db: Database; ticketId: string; userId: string; report: PresenceReport }): Promise<TicketViewer[]> {
  if (!(await getTicket({ db, id: ticketId }))) throw new AppError("not_found", "This ticket does not exist.");
  const changed =
    report.state === "left"
      ? await removeViewer({ db, ticketId, userId, tabId: report.tabId })
      : await touchViewer({ db, ticketId, userId, tabId: report.tabId, typing: report.state === "typing" });
  if (changed) await publishInboxEvent({ db, event: { type: "presence.changed", ticketId } });
  return listTicketViewers({ db, ticketId, exceptUserId: userId });
}
