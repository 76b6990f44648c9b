import type { Database } from "@/db/client";
import type { SandboxAccount } from "./auth";
import type { TwilioParams } from "./http";

/** What a sandbox endpoint gets: the caller's account, the path's parts and the parameters. */
export interface SandboxContext {
  db: Database;
  account: SandboxAccount;
  /** Named parts of the path (Sid, MessageSid, CountryCode, …). */
  path: Record<string, string>;
  /** The path as Twilio would quote it in a 404, from /2010-04-01 on. */
  resourcePath: string;
  search: URLSearchParams;
  form: TwilioParams;
}

export type SandboxEndpoint = (context: SandboxContext) => Promise<Response>;
