import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES_TOTAL } from "@/lib/media/sniff";
import type { OutgoingFile } from "@/lib/outbound/files";

// The pictures' own limit (before scaling down) plus room for the text and the form's framing.
const MAX_FORM_BYTES = MAX_UPLOAD_BYTES_TOTAL + 512 * 1024;

/** A composer form: its text fields, and the files under "files". */
export async function readComposerForm(request: Request): Promise<{ fields: Record<string, string>; files: OutgoingFile[] }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_FORM_BYTES) throw new AppError("bad_request", `The pictures come to more than ${MAX_UPLOAD_BYTES_TOTAL / 1024 / 1024} MB; pick smaller ones.`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "The message could not be read. Try again.");
  }
  const fields: Record<string, string> = {};
  const files: OutgoingFile[] = [];
  for (const [key, value] of form) {
    if (typeof value === "string") fields[key] = value;
    else if (key === "files" && value.size > 0) files.push({ fileName: value.name, data: new Uint8Array(await value.arrayBuffer()) });
  }
  return { fields, files };
}
