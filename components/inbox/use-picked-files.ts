"use client";

import { useState } from "react";
import { MAX_MEDIA_BYTES_TOTAL, MAX_MEDIA_COUNT, SUPPORTED_IMAGE_TYPES, sniffContentType } from "@/lib/media/sniff";

export const ACCEPTED_IMAGES = "image/png,image/jpeg,image/gif,.png,.jpg,.jpeg,.gif";

/**
 * Pictures picked for an MMS, checked in the browser from their first bytes so a PDF
 * renamed .png is refused at once; the server checks the same way again.
 */
export function usePickedFiles() {
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function add(picked: File[]) {
    setError(null);
    const types = await Promise.all(picked.map(async (file) => sniffContentType(new Uint8Array(await file.slice(0, 64).arrayBuffer()))));
    const refused = picked.find((_, index) => !(SUPPORTED_IMAGE_TYPES as readonly (string | null)[]).includes(types[index] ?? null));
    if (refused) {
      setError(`“${refused.name}” is not a PNG, JPG or GIF picture. Only those can be sent by MMS.`);
      return;
    }
    const next = [...files, ...picked];
    if (next.length > MAX_MEDIA_COUNT) {
      setError(`Attach at most ${MAX_MEDIA_COUNT} pictures to one message.`);
      return;
    }
    const total = next.reduce((sum, file) => sum + file.size, 0);
    if (total > MAX_MEDIA_BYTES_TOTAL) {
      setError(`The pictures come to ${(total / 1024 / 1024).toFixed(1)} MB; one message can carry 5 MB in all.`);
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
