import type { PreviewAuthor } from "@/db/queries/tickets";

/**
 * The ticket list's line under the customer's name: the latest message, said by whom.
 * The customer's own words stand alone; everything else names its author, so an
 * auto-reply is never mistaken for what the customer asked.
 */
export function previewLine({ preview, previewBy }: { preview: string; previewBy: PreviewAuthor | null }, meId: string): string {
  const text = preview || "(empty message)";
  if (!previewBy || previewBy.kind === "customer") return text;
  if (previewBy.kind === "rule") return `Auto-reply: ${text}`;
  if (previewBy.id && previewBy.id === meId) return `You: ${text}`;
  return `${previewBy.name ?? "Agent"}: ${text}`;
}
