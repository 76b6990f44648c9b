import { encode } from "next-auth/jwt";
import type { ThreadMessage } from "@/db/queries/messages";

export const SESSION_SECRET = "fault-suite-session-secret-0123456789";

/** An agent using the inbox over HTTP, signed in with a session cookie as the browser would be. */
export async function agentClient(appUrl: string, userId: string) {
  const token = await encode({ token: { sub: userId, signedInAt: Date.now() }, secret: SESSION_SECRET });
  const headers = { Cookie: `next-auth.session-token=${token}` };
  return {
    async reply(ticketId: string, body: string): Promise<string> {
      const form = new FormData();
      form.set("body", body);
      const response = await fetch(`${appUrl}/api/tickets/${ticketId}/messages`, { method: "POST", headers, body: form });
      if (response.status !== 201) throw new Error(`reply answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { messageId: string }).messageId;
    },
    async thread(ticketId: string): Promise<ThreadMessage[]> {
      const response = await fetch(`${appUrl}/api/tickets/${ticketId}/thread`, { headers });
      if (!response.ok) throw new Error(`thread answered ${response.status}`);
      return ((await response.json()) as { messages: ThreadMessage[] }).messages;
    },
    async retry(messageId: string): Promise<number> {
      const response = await fetch(`${appUrl}/api/messages/${messageId}/retry`, { method: "POST", headers });
      await response.arrayBuffer();
      return response.status;
    },
  };
}
