import { composerCounter, type ComposerCounter } from "@/lib/sms/counter";
import { DEFAULT_MAX_LENGTH } from "@/lib/sms/segments";
import { fillSavedReply } from "./template";

/** Room the counter keeps for names, so a reply that fits here fits once they are filled in. */
export const NAME_ALLOWANCE = { customer: 20, agent: 20 } as const;

export interface IntegrationLimit {
  name: string;
  maxMessageLength: number;
}

export interface SavedReplyFit {
  /** The composer's counter for the strictest integration (or the default limit when there is none). */
  counter: ComposerCounter;
  /** Integrations whose limit the reply passes, with its length there. */
  tooLongFor: { name: string; limit: number; characters: number }[];
}

/**
 * How the saved reply measures once inserted: the customer's and agent's names counted at
 * their allowance, the integration's own name filled in, against each integration's limit.
 */
export function savedReplyFit(body: string, integrations: readonly IntegrationLimit[]): SavedReplyFit {
  const targets = integrations.length > 0 ? integrations : [{ name: "", maxMessageLength: DEFAULT_MAX_LENGTH }];
  const measured = targets.map((integration) => ({
    integration,
    counter: composerCounter(
      fillSavedReply(body, { customerName: "n".repeat(NAME_ALLOWANCE.customer), agentName: "n".repeat(NAME_ALLOWANCE.agent), integrationName: integration.name || null }),
      integration.maxMessageLength,
    ),
  }));
  const strictest = measured.reduce((worst, entry) => (entry.counter.limit - entry.counter.characters < worst.counter.limit - worst.counter.characters ? entry : worst));
  return {
    counter: strictest.counter,
    tooLongFor: measured
      .filter((entry) => entry.counter.over && entry.integration.name)
      .map((entry) => ({ name: entry.integration.name, limit: entry.counter.limit, characters: entry.counter.characters })),
  };
}
