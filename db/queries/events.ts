import type { DbOrTx } from "../client";
import { events } from "../schema";

export async function recordEvent({
  db,
  ticketId,
  type,
  actorId,
  data,
}: {
  db: DbOrTx;
  ticketId: string | null;
  type: string;
  actorId?: string | null;
  data?: Record<string, unknown>;
}): Promise<void> {
  await db.insert(events).values({ ticketId, type, actorId: actorId ?? null, data: data ?? {} });
}
