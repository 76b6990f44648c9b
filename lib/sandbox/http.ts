/** Request parameters as Twilio reads them: a name may repeat (MediaUrl, MediaUrl, …). */
export class TwilioParams {
  constructor(private readonly entries: ReadonlyArray<readonly [string, string]>) {}

  static fromSearch(search: URLSearchParams): TwilioParams {
    return new TwilioParams([...search]);
  }

  get(name: string): string | undefined {
    return this.entries.find(([key]) => key === name)?.[1];
  }

  getAll(name: string): string[] {
    return this.entries.filter(([key]) => key === name).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.entries.some(([key]) => key === name);
  }

  names(): string[] {
    return [...new Set(this.entries.map(([key]) => key))];
  }
}

const MAX_FORM_BYTES = 1024 * 1024;

/** Twilio's REST API takes form-encoded bodies; anything else reads as no parameters. */
export async function readForm(request: Request): Promise<TwilioParams> {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return new TwilioParams([]);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) return new TwilioParams([]);
  return TwilioParams.fromSearch(new URLSearchParams(text));
}

/** "Thu, 30 Jul 2015 20:12:31 +0000", the RFC 2822 form Twilio's JSON uses for dates. */
export function rfc2822(date: Date | null | undefined): string | null {
  if (!date) return null;
  return date.toUTCString().replace(/GMT$/, "+0000");
}

export function twilioJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
