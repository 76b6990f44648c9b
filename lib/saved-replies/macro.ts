import { z } from "zod";
import { tagNameSchema } from "@/lib/tags/name";

/** What a macro does besides its text, when the reply is sent (or on Apply, for a macro without text). */
export const SNOOZE_PRESET_IDS = ["hour", "tomorrow", "monday"] as const;
export type SnoozePresetId = (typeof SNOOZE_PRESET_IDS)[number];

export const MAX_MACRO_ACTIONS = 10;

const ASSIGN_TARGETS = ["agent", "sender", "nobody"] as const;

export const macroActionSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("add_tag"), tag: tagNameSchema }),
    z.object({ type: z.literal("remove_tag"), tag: tagNameSchema }),
    z
      .object({
        type: z.literal("assign"),
        to: z.enum(ASSIGN_TARGETS, "Choose whom to assign to."),
        userId: z.uuid("Choose the agent to assign to.").optional(),
      })
      .refine((action) => action.to !== "agent" || !!action.userId, { path: ["userId"], message: "Choose the agent to assign to." })
      .transform((action) => (action.to === "agent" ? action : { type: action.type, to: action.to })),
    z.object({ type: z.literal("close") }),
    z.object({ type: z.literal("snooze"), preset: z.enum(SNOOZE_PRESET_IDS, "Choose how long to snooze.") }),
  ],
  "Choose what this action does.",
);
export type MacroAction = z.infer<typeof macroActionSchema>;

function tagOf(action: MacroAction): string | null {
  return action.type === "add_tag" || action.type === "remove_tag" ? action.tag : null;
}

/** The list as a whole: one assign, close or snooze (not both), each tag added or removed once. */
export const macroActionsSchema = z
  .array(macroActionSchema)
  .max(MAX_MACRO_ACTIONS, `A macro has at most ${MAX_MACRO_ACTIONS} actions.`)
  .superRefine((actions, context) => {
    const seenTags = new Set<string>();
    let assign = false;
    let ending: string | null = null;
    actions.forEach((action, index) => {
      const tag = tagOf(action);
      const problem =
        tag !== null && seenTags.has(tag)
          ? `The tag “${tag}” is in this macro already. Keep one action for it.`
          : action.type === "assign" && assign
            ? "A macro assigns once. Remove the second assign action."
            : (action.type === "close" || action.type === "snooze") && ending
              ? ending === action.type
                ? `This macro ${action.type === "close" ? "closes" : "snoozes"} the ticket already. Remove this action.`
                : "A macro can close the ticket or snooze it, not both. Remove one."
              : null;
      if (problem) context.addIssue({ code: "custom", path: [index, "type"], message: problem });
      if (tag !== null) seenTags.add(tag);
      if (action.type === "assign") assign = true;
      if (action.type === "close" || action.type === "snooze") ending ??= action.type;
    });
  });

/** Reads the stored JSON; anything that no longer parses (never written by this app) counts as no actions. */
export function storedMacroActions(value: unknown): MacroAction[] {
  const parsed = macroActionsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export const SNOOZE_PRESET_WORDS: Record<SnoozePresetId, string> = {
  hour: "for 1 hour",
  tomorrow: "until tomorrow morning",
  monday: "until next Monday morning",
};

/**
 * Each action in words, for the settings list and the composer's "Will …" summary:
 * "add tag vip", "assign to you", "close". `viewerId` is who reads it: the sender, or the
 * agent named, is "you".
 */
export function describeMacroAction(action: MacroAction, { viewerId, agentNames }: { viewerId?: string; agentNames: ReadonlyMap<string, string> }): string {
  switch (action.type) {
    case "add_tag":
      return `add tag ${action.tag}`;
    case "remove_tag":
      return `remove tag ${action.tag}`;
    case "assign":
      if (action.to === "nobody") return "unassign";
      if (action.to === "sender" || action.userId === viewerId) return viewerId ? "assign to you" : "assign to whoever applies it";
      return `assign to ${agentNames.get(action.userId ?? "") ?? "an agent no longer here"}`;
    case "close":
      return "close";
    case "snooze":
      return `snooze ${SNOOZE_PRESET_WORDS[action.preset]}`;
  }
}

export function describeMacroActions(actions: readonly MacroAction[], names: { viewerId?: string; agentNames: ReadonlyMap<string, string> }): string {
  return actions.map((action) => describeMacroAction(action, names)).join(" · ");
}

/** The actions with the tag `from` named `to` (a rename or merge); an action that would name a tag twice goes. */
export function retargetMacroActions(actions: readonly MacroAction[], from: string, to: string): MacroAction[] {
  const seen = new Set<string>();
  const result: MacroAction[] = [];
  for (const action of actions) {
    if (action.type !== "add_tag" && action.type !== "remove_tag") {
      result.push(action);
      continue;
    }
    const tag = action.tag === from ? to : action.tag;
    if (seen.has(tag)) continue;
    seen.add(tag);
    result.push({ ...action, tag });
  }
  return result;
}
