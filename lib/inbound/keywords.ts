export type KeywordKind = "opt-out" | "opt-in" | "help";

export type CarrierKeyword = { kind: KeywordKind; keyword: string };

// Twilio's default opt-out, opt-in and help keywords. Twilio acts on them itself (it stops
// delivering after STOP), so the inbox has to know, or agents would write into a void.
const KEYWORDS: Readonly<Record<string, KeywordKind>> = {
  STOP: "opt-out",
  STOPALL: "opt-out",
  UNSUBSCRIBE: "opt-out",
  CANCEL: "opt-out",
  END: "opt-out",
  QUIT: "opt-out",
  REVOKE: "opt-out",
  OPTOUT: "opt-out",
  START: "opt-in",
  YES: "opt-in",
  UNSTOP: "opt-in",
  HELP: "help",
  INFO: "help",
};

/**
 * Carriers only treat a message as a keyword when it is the keyword alone: "Stop." and
 * "STOP!!" count, "please stop" does not.
 */
export function classifyKeyword(body: string | null | undefined): CarrierKeyword | null {
  if (typeof body !== "string") return null;
  const word = body
    .normalize("NFKC")
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
    .toUpperCase();
  if (!/^[A-Z]+$/.test(word)) return null;
  const kind = KEYWORDS[word];
  return kind ? { kind, keyword: word } : null;
}

/** Maps Twilio's `OptOutType` webhook parameter (STOP, START, HELP) to our kinds. */
export function keywordFromOptOutType(optOutType: string | undefined): KeywordKind | null {
  switch (optOutType?.trim().toUpperCase()) {
    case "STOP":
      return "opt-out";
    case "START":
      return "opt-in";
    case "HELP":
      return "help";
    default:
      return null;
  }
}
