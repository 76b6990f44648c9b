import { MAX_MEDIA_BYTES_TOTAL, sniffContentType } from "@/lib/media/sniff";
import { reachableUrl } from "./outgoing";

export interface FetchedMedia {
  contentType: string;
  fileName: string | null;
  data: Buffer;
}

export type MediaFetchResult = { ok: true; media: FetchedMedia[] } | { ok: false; errorCode: number; errorMessage: string };

const FETCH_TIMEOUT_MS = 15_000;

// What Twilio accepts in an MMS; anything else fails the message with 12300.
const ACCEPTED = [/^image\//, /^audio\//, /^video\//, /^text\/(x-)?vcard$/, /^text\/csv$/, /^text\/calendar$/, /^text\/rtf$/, /^application\/pdf$/, /^application\/vcard$/];

export function isAcceptedMmsType(contentType: string): boolean {
  return ACCEPTED.some((pattern) => pattern.test(contentType));
}

function fileNameOf(url: string): string | null {
  try {
    const last = new URL(url).pathname.split("/").pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}

async function readCapped(response: Response, budget: number): Promise<Buffer | null> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > budget) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

const RETRIEVAL_FAILURE = { ok: false as const, errorCode: 11200, errorMessage: "HTTP retrieval failure" };

/**
 * Downloads an MMS's MediaUrls as Twilio does (GET, redirects followed, the content type
 * the server states, at most 5 MB together), failing with Twilio's code and words.
 */
export async function fetchMediaUrls(urls: readonly string[]): Promise<MediaFetchResult> {
  const media: FetchedMedia[] = [];
  let remaining = MAX_MEDIA_BYTES_TOTAL;
  for (const url of urls) {
    let response: Response;
    try {
      response = await fetch(reachableUrl(url), { redirect: "follow", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch {
      return RETRIEVAL_FAILURE;
    }
    if (!response.ok) return RETRIEVAL_FAILURE;
    const data = await readCapped(response, remaining).catch(() => undefined);
    if (data === undefined) return RETRIEVAL_FAILURE;
    if (data === null) return { ok: false, errorCode: 30019, errorMessage: "Content size exceeds carrier limit" };
    remaining -= data.byteLength;
    const stated = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    const contentType = stated && stated !== "application/octet-stream" ? stated : ((await sniffContentType(data)) ?? "application/octet-stream");
    if (!isAcceptedMmsType(contentType)) return { ok: false, errorCode: 12300, errorMessage: "Invalid Content-Type" };
    media.push({ contentType, fileName: fileNameOf(url), data });
  }
  return { ok: true, media };
}
