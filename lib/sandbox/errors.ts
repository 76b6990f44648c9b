/** Twilio's error body: what the SDK turns into a RestException. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** A refusal worded and numbered as Twilio words and numbers it. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "SandboxError";
  }

  toBody(): TwilioErrorBody {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

export function notFound(resourcePath: string): SandboxError {
  return new SandboxError(404, 20404, `The requested resource ${resourcePath} was not found`);
}

export function invalidParameter(name: string, detail: string): SandboxError {
  return new SandboxError(400, 21502, `Invalid ${name}: ${detail}`);
}

export function twilioErrorResponse(error: SandboxError, headers: Record<string, string> = {}): Response {
  return Response.json(error.toBody(), { status: error.status, headers });
}
