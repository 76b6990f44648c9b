"use client";

import { useState } from "react";
import { CONVERTED_IMAGE_TYPES, MAX_MEDIA_COUNT, MAX_UPLOAD_BYTES_TOTAL, SNIFF_BYTES, SUPPORTED_IMAGE_TYPES, sniffContentType } from "@/lib/media/sniff";

export const ACCEPTED_IMAGES = "image/png,image/jpeg,image/gif,image/webp,image/bmp,image/tiff,.png,.jpg,.jpeg,.gif,.webp,.bmp,.tif,.tiff";

const PICKABLE: readonly (string | null)[] = [...SUPPORTED_IMAGE_TYPES, ...CONVERTED_IMAGE_TYPES];

/**
 * Pictures picked for an MMS, checked in the browser from their first bytes so a PDF
 * renamed .png is refused at once; the server checks the same way again. WebP, BMP and
 * TIFF are accepted (the server sends them as JPEG), and so are pictures over the MMS
 * size, which the server scales down.
 */
export function usePickedFiles() {
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function add(picked: File[]) {
    setError(null);
    const types = await Promise.all(picked.map(async (file) => sniffContentType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))));
    const refused = picked.find((_, index) => !PICKABLE.includes(types[index] ?? null));
    if (refused) {
      setError(`“${refused.name}” is not a picture MMS can carry: PNG, JPG or GIF (WebP, BMP and TIFF are sent as JPG).`);
      return;
    }
    const next = [...files, ...picked];
    if (next.length > MAX_MEDIA_COUNT) {
      setError(`Attach at most ${MAX_MEDIA_COUNT} pictures to one message.`);
      return;
    }
    const total = next.reduce((sum, file) => sum + file.size, 0);
    if (total > MAX_UPLOAD_BYTES_TOTAL) {
      setError(`The pictures come to ${(total / 1024 / 1024).toFixed(1)} MB; pick pictures under ${MAX_UPLOAD_BYTES_TOTAL / 1024 / 1024} MB in all.`);
      return;
    }
    setFiles(next);
  }

  return {
    files,
    error,
    add,
    remove: (index: number) => setFiles((current) => current.filter((_, i) => i !== index)),
    clear: () => {
      setFiles([]);
      setError(null);
    },
  };
}

export function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
