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

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

// ISO base media files (MP4, HEIC, 3GP, MOV) put a "ftyp" box first; its brand says which.
function sniffIsoMedia(bytes: Uint8Array): string | null {
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== "ftyp") return null;
  const brand = ascii(bytes, 8, 12);
  if (HEIF_BRANDS.has(brand)) return "image/heic";
  if (brand === "avif" || brand === "avis") return "image/avif";
  if (brand.startsWith("3gp")) return "video/3gpp";
  if (brand === "M4A ") return "audio/mp4";
  if (brand === "qt  ") return "video/quicktime";
  return "video/mp4";
}

function sniffMpegAudio(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x49, 0x44, 0x33])) return "audio/mpeg"; // "ID3" tag
  const [first = 0, second = 0] = bytes;
  // An MPEG audio frame starts with 11 set bits; JPEG's FF D8 never does.
  if (first !== 0xff || (second & 0xe0) !== 0xe0) return null;
  const layer = (second >> 1) & 0b11;
  return layer === 0 ? "audio/aac" : "audio/mpeg";
}

function isVCard(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 64));
  return /^\uFEFF?\s*BEGIN:VCARD/i.test(head);
}

// Markup starts with "<" after any byte-order mark and white space: HTML, SVG or other XML.
function sniffMarkup(bytes: Uint8Array): string | null {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 256)).replace(/^\uFEFF?\s*/, "").toLowerCase();
  if (!head.startsWith("<")) return null;
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "image/svg+xml";
  if (/^<(!doctype html|html|head|body|script|iframe|div|p|a|img|meta|title|!--)[\s>/]/.test(head)) return "text/html";
  if (head.startsWith("<?xml")) return "application/xml";
  return null;
}

/**
 * The real type of a file from its first bytes, since the Content-Type a carrier or a
 * browser claims is not to be trusted. Null when the bytes match nothing we know.
 */
export function sniffContentType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return "image/gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF") {
    const kind = ascii(bytes, 8, 12);
    if (kind === "WEBP") return "image/webp";
    if (kind === "WAVE") return "audio/wav";
    return null;
  }
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 14) return "image/bmp";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "image/tiff";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, [0x50, 0x4b]) && [0x0304, 0x0506, 0x0708].includes(((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0))) {
    return "application/zip";
  }
  if (startsWith(bytes, [0x23, 0x21, 0x41, 0x4d, 0x52])) return "audio/amr"; // "#!AMR"
  if (startsWith(bytes, [0x4f, 0x67, 0x67, 0x53])) return "audio/ogg"; // "OggS"
  return sniffIsoMedia(bytes) ?? sniffMpegAudio(bytes) ?? (isVCard(bytes) ? "text/vcard" : null) ?? sniffMarkup(bytes);
}

export function isSupportedImage(bytes: Uint8Array): boolean {
  const type = sniffContentType(bytes);
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

/** File extension, without the dot, for a content type ("image/jpeg; q=1" → "jpg"); "bin" when unknown. */
export function extensionFor(contentType: string): string {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return EXTENSIONS[type] ?? "bin";
}
