/** One <Message> of a TwiML answer: what the app asked Twilio to text back. */
export interface TwimlMessage {
  body: string;
  mediaUrls: string[];
  to?: string;
  from?: string;
}

function unescapeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, "&");
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i").exec(attributes);
  const value = match?.[2] ?? match?.[3];
  return value === undefined ? undefined : unescapeXml(value);
}

/**
 * The messages a TwiML <Response> asks to send, read the forgiving way Twilio reads them:
 * `<Message>text</Message>` or `<Message><Body>…</Body><Media>…</Media></Message>`.
 */
export function readTwimlMessages(xml: string): TwimlMessage[] {
  if (!/<Response[\s>/]/.test(xml)) return [];
  const messages: TwimlMessage[] = [];
  for (const match of xml.matchAll(/<Message(\s[^>]*)?>([\s\S]*?)<\/Message>/g)) {
    const [, attributes = "", inner = ""] = match;
    const bodies = [...inner.matchAll(/<Body>([\s\S]*?)<\/Body>/g)].map((m) => unescapeXml(m[1] ?? ""));
    const mediaUrls = [...inner.matchAll(/<Media>([\s\S]*?)<\/Media>/g)].map((m) => unescapeXml(m[1] ?? "").trim());
    const body = bodies.length > 0 || mediaUrls.length > 0 ? bodies.join("") : unescapeXml(inner);
    messages.push({ body, mediaUrls, to: attribute(attributes, "to"), from: attribute(attributes, "from") });
  }
  return messages;
}
