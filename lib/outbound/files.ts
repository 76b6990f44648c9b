import { AppError } from "@/lib/errors";
import { convertToJpeg, shrinkToJpeg } from "@/lib/media/convert";
import {
  CONVERTED_IMAGE_TYPES,
  MAX_MEDIA_BYTES_TOTAL,
  MAX_MEDIA_COUNT,
  MAX_UPLOAD_BYTES_TOTAL,
  SUPPORTED_IMAGE_TYPES,
  extensionFor,
  sniffContentType,
} from "@/lib/media/sniff";

export interface OutgoingFile {
  fileName: string;
  data: Uint8Array;
}

export interface CheckedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  "application/pdf": "a PDF",
  "image/heic": "a HEIC photo",
  "image/webp": "a WebP image",
  "image/bmp": "a BMP image",
  "image/tiff": "a TIFF image",
  "text/vcard": "a contact card",
  "application/zip": "a ZIP archive",
};

function kindOf(type: string | null): string {
  if (!type) return "not a picture";
  if (KIND_NAMES[type]) return KIND_NAMES[type];
  if (type.startsWith("video/")) return "a video";
  if (type.startsWith("audio/")) return "an audio file";
  return type;
}

/** Keeps a name safe to show and to put in a header: no paths, no control characters. */
export function safeFileName(name: string, contentType: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 120);
  return base || `picture.${extensionFor(contentType)}`;
}

/**
 * Outgoing pictures, checked from their bytes (never from the name or the browser's
 * claim): PNG, JPEG or GIF only, at most 10, at most 5 MB together.
 */
export async function checkOutgoingFiles(files: readonly OutgoingFile[]): Promise<CheckedFile[]> {
  if (files.length > MAX_MEDIA_COUNT) {
    throw new AppError("bad_request", `Attach at most ${MAX_MEDIA_COUNT} pictures to one message.`, { attachments: `At most ${MAX_MEDIA_COUNT} pictures.` });
  }
  const total = files.reduce((sum, file) => sum + file.data.length, 0);
  if (total > MAX_MEDIA_BYTES_TOTAL) {
    const mb = (total / 1024 / 1024).toFixed(1);
    throw new AppError("bad_request", `The pictures come to ${mb} MB; one message can carry 5 MB in all.`, { attachments: "At most 5 MB in all." });
  }
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const type = await sniffContentType(file.data);
    if (!type || !(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(type)) {
      const message = `“${safeFileName(file.fileName, "application/octet-stream")}” is ${kindOf(type)}. Only PNG, JPG and GIF pictures can be sent.`;
      throw new AppError("bad_request", message, { attachments: message });
    }
    checked.push({ fileName: safeFileName(file.fileName, type), contentType: type, data: Buffer.from(file.data) });
  }
  return checked;
}

// Room left under the limit for the form's own framing when Twilio fetches the pictures.
const SHRINK_TARGET = Math.floor(MAX_MEDIA_BYTES_TOTAL * 0.97);

function renamed(fileName: string, extension: string): string {
  const base = fileName.replace(/\.[^./\\]*$/, "");
  return `${base || "picture"}.${extension}`;
}

function unreadable(fileName: string): AppError {
  const message = `“${safeFileName(fileName, "application/octet-stream")}” could not be read as a picture. Save it as PNG or JPG and try again.`;
  return new AppError("bad_request", message, { attachments: message });
}

/**
 * Makes picked pictures sendable before checkOutgoingFiles: WebP, BMP and TIFF become JPEG,
 * and when the pictures come to more than an MMS carries, the biggest PNG and JPEG ones are
 * scaled down (as JPEG) until the whole fits. GIFs are left as they are, since scaling
 * would lose their animation. Slow work: run it before any transaction opens.
 */
export async function prepareOutgoingFiles(files: readonly OutgoingFile[]): Promise<OutgoingFile[]> {
  if (files.length === 0 || files.length > MAX_MEDIA_COUNT) return [...files];
  const received = files.reduce((sum, file) => sum + file.data.length, 0);
  if (received > MAX_UPLOAD_BYTES_TOTAL) {
    const mb = (received / 1024 / 1024).toFixed(1);
    const message = `The pictures come to ${mb} MB; pick pictures under ${MAX_UPLOAD_BYTES_TOTAL / 1024 / 1024} MB in all.`;
    throw new AppError("bad_request", message, { attachments: message });
  }
  const converted: OutgoingFile[] = [];
  for (const file of files) {
    const type = await sniffContentType(file.data);
    if (!type || !(CONVERTED_IMAGE_TYPES as readonly string[]).includes(type)) {
      converted.push(file);
      continue;
    }
    const jpeg = await convertToJpeg(file.data, type);
    if (!jpeg) throw unreadable(file.fileName);
    converted.push({ fileName: renamed(file.fileName, "jpg"), data: jpeg });
  }
  const total = converted.reduce((sum, file) => sum + file.data.length, 0);
  if (total <= MAX_MEDIA_BYTES_TOTAL) return converted;
  return shrinkToFit(converted, total);
}

/** Shrinks the biggest PNG or JPEG first, each by what the whole is still over, so small pictures stay untouched. */
async function shrinkToFit(files: OutgoingFile[], total: number): Promise<OutgoingFile[]> {
  const out = [...files];
  const types = await Promise.all(out.map((file) => sniffContentType(file.data)));
  const biggestFirst = out
    .map((_, index) => ({ index, type: types[index] }))
    .filter(({ type }) => type === "image/png" || type === "image/jpeg")
    .sort((a, b) => out[b.index]!.data.length - out[a.index]!.data.length);
  let size = total;
  for (const { index, type } of biggestFirst) {
    const over = size - SHRINK_TARGET;
    if (over <= 0) break;
    const file = out[index]!;
    const smaller = await shrinkToJpeg(file.data, type!, Math.max(1, file.data.length - over));
    if (!smaller) throw unreadable(file.fileName);
    size += smaller.length - file.data.length;
    out[index] = { fileName: renamed(file.fileName, "jpg"), data: smaller };
  }
  // Still over (GIFs alone, say): checkOutgoingFiles refuses it in words.
  return out;
}
