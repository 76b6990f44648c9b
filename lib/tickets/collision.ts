import type { ArrivedMessage } from "@/db/queries/messages";
import { AppError } from "@/lib/errors";

/**
 * The customer or another agent wrote after this agent began the reply. The composer shows
 * what arrived and asks; sending anyway passes the newest of them as the new basis.
 */
export class CollisionWarning extends AppError {
  constructor(readonly arrived: ArrivedMessage[]) {
    const who = arrived.some((message) => message.direction === "inbound") ? "The customer" : (arrived[0]?.authorName ?? "Another agent");
    super("conflict", `${who} wrote while you were writing. Read what arrived before you send.`);
    this.name = "CollisionWarning";
  }
}
