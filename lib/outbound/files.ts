import { AppError } from "@/lib/errors";
import { MAX_MEDIA_BYTES_TOTAL, MAX_MEDIA_COUNT, SUPPORTED_IMAGE_TYPES, extensionFor, sniffContentType } from "@/lib/media/sniff";

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
export function checkOutgoingFiles(files: readonly OutgoingFile[]): CheckedFile[] {
  if (files.length > MAX_MEDIA_COUNT) {
    throw new AppError("bad_request", `Attach at most ${MAX_MEDIA_COUNT} pictures to one message.`, { attachments: `At most ${MAX_MEDIA_COUNT} pictures.` });
  }
  const total = files.reduce((sum, file) => sum + file.data.length, 0);
  if (total > MAX_MEDIA_BYTES_TOTAL) {
    const mb = (total / 1024 / 1024).toFixed(1);
    throw new AppError("bad_request", `The pictures come to ${mb} MB; one message can carry 5 MB in all.`, { attachments: "At most 5 MB in all." });
  }
  return files.map((file) => {
    const type = sniffContentType(file.data);
    if (!type || !(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(type)) {
      const message = `“${safeFileName(file.fileName, "application/octet-stream")}” is ${kindOf(type)}. Only PNG, JPG and GIF pictures can be sent.`;
      throw new AppError("bad_request", message, { attachments: message });
    }
    return { fileName: safeFileName(file.fileName, type), contentType: type, data: Buffer.from(file.data) };
  });
}
