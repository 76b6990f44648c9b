import { fileTypeFromBuffer } from "file-type";

/** The only picture types this integration sends and receives (png, jpg/jpeg, gif). */
export const SUPPORTED_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif"] as const;
export type SupportedImageType = (typeof SUPPORTED_IMAGE_TYPES)[number];

/** Twilio's limit for all media of one MMS together. */
export const MAX_MEDIA_BYTES_TOTAL = 5 * 1024 * 1024;
/**
 * What an agent may pick for one message: pictures over MAX_MEDIA_BYTES_TOTAL together are
 * scaled down before sending, so more may come in than goes out.
 */
export const MAX_UPLOAD_BYTES_TOTAL = 20 * 1024 * 1024;
/** Picture types the composer accepts and sends as JPEG, since MMS carries only PNG, JPEG and GIF. */
export const CONVERTED_IMAGE_TYPES = ["image/webp", "image/bmp", "image/tiff"] as const;
/** Twilio's limit of media items in one MMS. */
export const MAX_MEDIA_COUNT = 10;

// Text formats, which file-type leaves alone by design: a vCard, and markup (HTML, SVG or
// other XML), which starts with "<" after any byte-order mark and white space.
function sniffText(bytes: Uint8Array): string | null {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 256)).replace(/^\uFEFF?\s*/, "");
  if (/^BEGIN:VCARD/i.test(head)) return "text/vcard";
  const markup = head.toLowerCase();
  if (!markup.startsWith("<")) return null;
  if (markup.startsWith("<svg") || (markup.startsWith("<?xml") && markup.includes("<svg"))) return "image/svg+xml";
  if (/^<(!doctype html|html|head|body|script|iframe|div|p|a|img|meta|title|!--)[\s>/]/.test(markup)) return "text/html";
  if (markup.startsWith("<?xml")) return "application/xml";
  return null;
}

/** Where file-type's name for a type differs from the one this app (and Twilio) uses. */
const SAME_AS: Readonly<Record<string, string>> = { "image/heif": "image/heic", "audio/x-m4a": "audio/mp4" };

/** No file worth naming is shorter than this (a BMP's header alone is 14 bytes). */
const MIN_BYTES = 14;

/** How many of a file's first bytes decide its type. */
export const SNIFF_BYTES = 4100;

/**
 * The real type of a file from its first bytes (file-type reads the signatures), since the
 * Content-Type a carrier or a browser claims is not to be trusted. Null when the bytes are
 * no type this app knows.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string | null> {
  if (bytes.length < MIN_BYTES) return null;
  const found = await fileTypeFromBuffer(bytes.subarray(0, SNIFF_BYTES));
  // file-type names any XML as XML; an SVG picture is XML too, and more to be wary of.
  const type = found && found.mime !== "application/xml" ? (SAME_AS[found.mime] ?? found.mime) : sniffText(bytes);
  return type !== null && KNOWN_TYPES.has(type) ? type : null;
}

export async function isSupportedImage(bytes: Uint8Array): Promise<boolean> {
  const type = await sniffContentType(bytes);
  return type !== null && (SUPPORTED_IMAGE_TYPES as readonly string[]).includes(type);
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/jpg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/bmp": "bmp",
  "image/tiff": "tiff",
  "image/heic": "heic",
  "image/heif": "heic",
  "image/avif": "avif",
  "application/pdf": "pdf",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "video/quicktime": "mov",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/ogg": "ogg",
  "audio/wav": "wav",
  "text/vcard": "vcf",
  "text/x-vcard": "vcf",
  "application/zip": "zip",
};

// The types this app names; anything else is refused as unknown, whatever it is.
const KNOWN_TYPES = new Set([...Object.keys(EXTENSIONS), "image/svg+xml", "text/html", "application/xml"]);

/** File extension, without the dot, for a content type ("image/jpeg; q=1" → "jpg"); "bin" when unknown. */
export function extensionFor(contentType: string): string {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return EXTENSIONS[type] ?? "bin";
}
