import { SUPPORTED_IMAGE_TYPES, extensionFor, sniffContentType } from "@/lib/media/sniff";

function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A stored file as a response. The type comes from the bytes, never from what was
 * claimed; only PNG, JPEG and GIF are shown inline, anything else downloads as bytes,
 * so nothing a customer sends can run as a page on the app's origin.
 */
export async function attachmentResponse(file: { data: Buffer; fileName: string }, cacheControl: string): Promise<Response> {
  const sniffed = await sniffContentType(file.data);
  const image = sniffed !== null && (SUPPORTED_IMAGE_TYPES as readonly string[]).includes(sniffed);
  const type = image ? sniffed : "application/octet-stream";
  const name = file.fileName || `file.${extensionFor(type)}`;
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(file.data.length),
      "Content-Disposition": contentDisposition(image ? "inline" : "attachment", name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": cacheControl,
    },
  });
}
