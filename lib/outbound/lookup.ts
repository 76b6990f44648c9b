import type { Twilio } from "twilio";
import type { MessageInstance } from "twilio/lib/rest/api/v2010/account/message";
import type { Database } from "@/db/client";
import { listKnownTwilioSids } from "@/db/queries/messages";
import type { Message } from "@/db/schema";

/** What Twilio knows of a message whose send failed under way. */
export type AttemptLookup =
  | { kind: "created"; sid: string; status: string; errorCode: number | null; errorMessage: string | null }
  | { kind: "none" }
  | { kind: "unsure"; reason: string };

interface MessagesPage {
  instances: MessageInstance[];
  nextPageUrl?: string;
  nextPage(): Promise<MessagesPage> | undefined;
}

const PAGE_SIZE = 50;
const MAX_PAGES = 4;
// Twilio's clock and ours may differ a little, and Twilio stamps whole seconds.
const CLOCK_SLACK_MS = 2 * 60_000;

/**
 * Asks Twilio for the messages from the business number to the customer since the attempt
 * began, and picks the one this attempt created: same body, same number of files, and a
 * SID no other message of the app holds. Filtered by From and To only, newest first: a
 * DateSent filter would hide the very message we look for, which is still queued and has
 * no date_sent yet. Sent through a Messaging Service, the message may have gone out from
 * any of the service's numbers, so it is looked up by To and that service instead of From.
 * Anything the lookup cannot settle is "unsure", never "none".
 */
export async function lookUpAttempt({
  client,
  db,
  message,
  mediaCount,
  messagingServiceSid = null,
  since,
}: {
  client: Twilio;
  db: Database;
  message: Pick<Message, "fromE164" | "toE164" | "body">;
  mediaCount: number;
  messagingServiceSid?: string | null;
  since: Date;
}): Promise<AttemptLookup> {
  const after = since.getTime() - CLOCK_SLACK_MS;
  const matches: { sid: string; status: string; errorCode: number | null; errorMessage: string | null }[] = [];
  try {
    const filter = messagingServiceSid ? { to: message.toE164 ?? "" } : { from: message.fromE164 ?? "", to: message.toE164 ?? "" };
    let page: MessagesPage = await client.messages.page({ ...filter, pageSize: PAGE_SIZE });
    for (let read = 1; ; read++) {
      const recent = page.instances.filter((item) => item.dateCreated.getTime() >= after);
      for (const item of recent) {
        const sameSender = messagingServiceSid ? item.messagingServiceSid === messagingServiceSid : true;
        if (sameSender && item.direction.startsWith("outbound") && item.body === message.body && Number(item.numMedia) === mediaCount) {
          matches.push({ sid: item.sid, status: item.status, errorCode: item.errorCode ?? null, errorMessage: item.errorMessage ?? null });
        }
      }
      // Newest first: a page that reaches back past the attempt is the last one to read.
      if (recent.length < page.instances.length || !page.nextPageUrl) break;
      if (read >= MAX_PAGES) return { kind: "unsure", reason: "Twilio lists too many recent messages to this customer to tell" };
      const next = await page.nextPage();
      if (!next) break;
      page = next;
    }
  } catch {
    return { kind: "unsure", reason: "Twilio could not list the messages to this customer" };
  }
  const known = await listKnownTwilioSids({ db, sids: matches.map((match) => match.sid) });
  const ours = matches.filter((match) => !known.has(match.sid));
  if (ours.length === 0) return { kind: "none" };
  if (ours.length > 1) return { kind: "unsure", reason: "Twilio has more than one message like it" };
  return { kind: "created", ...ours[0]! };
}
