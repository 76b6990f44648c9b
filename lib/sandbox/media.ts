import { deleteSandboxMedia, getSandboxMediaInfo, listSandboxMedia, type SandboxMediaInfo } from "@/db/queries/sandbox-media";
import { getSandboxMessage } from "@/db/queries/sandbox-messages";
import { signedContentPath } from "./content";
import type { SandboxContext } from "./context";
import { notFound } from "./errors";
import { noContent, twilioJson } from "./http";
import { pageEnvelope, readPage, slicePage } from "./pagination";
import { accountUri, serializeMedia } from "./serializers";

async function requireParent(context: SandboxContext): Promise<string> {
  const message = await getSandboxMessage({ db: context.db, accountSid: context.account.accountSid, sid: context.path.MessageSid ?? "" });
  if (!message) throw notFound(context.resourcePath);
  return message.sid;
}

async function requireMedia(context: SandboxContext): Promise<SandboxMediaInfo> {
  const media = await getSandboxMediaInfo({
    db: context.db,
    accountSid: context.account.accountSid,
    messageSid: context.path.MessageSid ?? "",
    sid: context.path.Sid ?? "",
  });
  if (!media) throw notFound(context.resourcePath);
  return media;
}

export async function listMedia(context: SandboxContext): Promise<Response> {
  const messageSid = await requireParent(context);
  const request = readPage(context.search);
  const { items, hasMore } = slicePage(await listSandboxMedia({ db: context.db, messageSids: [messageSid] }), request);
  const listUri = `${accountUri(context.account.accountSid)}/Messages/${messageSid}/Media.json`;
  return twilioJson(pageEnvelope({ key: "media_list", listUri, search: context.search, request, items: items.map(serializeMedia), hasMore }));
}

export async function fetchMedia(context: SandboxContext): Promise<Response> {
  return twilioJson(serializeMedia(await requireMedia(context)));
}

export async function deleteMedia(context: SandboxContext): Promise<Response> {
  const media = await requireMedia(context);
  await deleteSandboxMedia({ db: context.db, accountSid: media.accountSid, messageSid: media.messageSid, sid: media.sid });
  return noContent();
}

/** The media URL itself (no .json): with credentials, a redirect to short-lived content, as Twilio's. */
export async function redirectToMediaContent(context: SandboxContext): Promise<Response> {
  const media = await requireMedia(context);
  return new Response(null, { status: 302, headers: { Location: signedContentPath(media.sid, context.account.authToken), "Cache-Control": "no-store" } });
}
