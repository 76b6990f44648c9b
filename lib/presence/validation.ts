import { z } from "zod";

/** A tab's heartbeat on a ticket: that it is open there and whether its agent is typing a reply. Never the text. */
export const presenceSchema = z.object({
  tabId: z.uuid(),
  state: z.enum(["viewing", "typing", "left"]),
});
export type PresenceReport = z.infer<typeof presenceSchema>;

/** How often an open ticket reports itself (the server forgets a tab after 25 s without one). */
export const PRESENCE_HEARTBEAT_MS = 10_000;
