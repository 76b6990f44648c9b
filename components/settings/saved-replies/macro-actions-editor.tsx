"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { MAX_MACRO_ACTIONS, SNOOZE_PRESET_IDS, SNOOZE_PRESET_WORDS, type MacroAction } from "@/lib/saved-replies/macro";

type ActionType = MacroAction["type"];

/** An action as the editor holds it while it is typed: every field a string, checked on save. */
export interface ActionDraft {
  key: number;
  type: ActionType;
  tag: string;
  to: "agent" | "sender" | "nobody";
  userId: string;
  preset: (typeof SNOOZE_PRESET_IDS)[number];
}

const TYPE_LABELS: Record<ActionType, string> = {
  add_tag: "Add a tag",
  remove_tag: "Remove a tag",
  assign: "Assign",
  close: "Close the ticket",
  snooze: "Snooze",
};

let nextKey = 1;

export function actionDraft(action?: MacroAction): ActionDraft {
  const draft: ActionDraft = { key: nextKey++, type: "add_tag", tag: "", to: "sender", userId: "", preset: "tomorrow" };
  if (!action) return draft;
  if (action.type === "add_tag" || action.type === "remove_tag") return { ...draft, type: action.type, tag: action.tag };
  if (action.type === "assign") return { ...draft, type: "assign", to: action.to, userId: action.userId ?? "" };
  if (action.type === "snooze") return { ...draft, type: "snooze", preset: action.preset };
  return { ...draft, type: action.type };
}

/** What the form posts: only the fields each type has. */
function posted(draft: ActionDraft): Record<string, string> {
  if (draft.type === "add_tag" || draft.type === "remove_tag") return { type: draft.type, tag: draft.tag };
  if (draft.type === "assign") return draft.to === "agent" ? { type: "assign", to: "agent", userId: draft.userId } : { type: "assign", to: draft.to };
  if (draft.type === "snooze") return { type: "snooze", preset: draft.preset };
  return { type: draft.type };
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-sm text-red-600">
      {message}
    </p>
  ) : null;
}

/**
 * The macro's actions: a row each, what it does and its detail (the tag, the agent, how long),
 * with the server's errors beside the field they are about ("actions.0.tag"). Posted as JSON
 * in the hidden `actions` field.
 */
export function MacroActionsEditor({
  initial,
  agents,
  tags,
  errors,
}: {
  initial: MacroAction[];
  agents: { id: string; name: string }[];
  tags: string[];
  errors?: Record<string, string>;
}) {
  const [drafts, setDrafts] = useState<ActionDraft[]>(() => initial.map(actionDraft));
  const id = useId();
  const update = (key: number, change: Partial<ActionDraft>) => setDrafts((all) => all.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  const listError = errors?.actions;
  return (
    <fieldset className="space-y-3" aria-describedby={`${id}-hint${listError ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-slate-700">Actions</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        With actions this is a macro: they run when the agent sends the reply, and the composer shows them first. A macro without text has an Apply button instead.
      </p>
      <input type="hidden" name="actions" value={JSON.stringify(drafts.map(posted))} />
      <datalist id={`${id}-tags`}>
        {tags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      {drafts.length === 0 ? <p className="text-sm text-slate-600">No actions: a plain saved reply.</p> : null}
      <ol className="space-y-2">
        {drafts.map((draft, index) => {
          const field = (name: string) => `${id}-${draft.key}-${name}`;
          const error = (name: string) => errors?.[`actions.${index}.${name}`];
          const typeError = error("type") ?? errors?.[`actions.${index}`];
          return (
            <li key={draft.key} className="flex flex-wrap items-start gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
              <div className="space-y-1">
                <label htmlFor={field("type")} className="sr-only">
                  Action {index + 1}
                </label>
                <select
                  id={field("type")}
                  value={draft.type}
                  onChange={(event) => update(draft.key, { type: event.target.value as ActionType })}
                  className={inputClass}
                  aria-invalid={typeError ? true : undefined}
                  aria-describedby={typeError ? field("type-error") : undefined}
                >
                  {Object.entries(TYPE_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <ErrorText id={field("type-error")} message={typeError} />
              </div>
              {draft.type === "add_tag" || draft.type === "remove_tag" ? (
                <div className="min-w-48 flex-1 space-y-1">
                  <label htmlFor={field("tag")} className="sr-only">
                    Tag for action {index + 1}
                  </label>
                  <input
                    id={field("tag")}
                    list={`${id}-tags`}
                    value={draft.tag}
                    placeholder="Tag name"
                    onChange={(event) => update(draft.key, { tag: event.target.value })}
                    className={inputClass}
                    aria-invalid={error("tag") ? true : undefined}
                    aria-describedby={error("tag") ? field("tag-error") : undefined}
                  />
                  <ErrorText id={field("tag-error")} message={error("tag")} />
                </div>
              ) : null}
              {draft.type === "assign" ? (
                <div className="min-w-48 flex-1 space-y-1">
                  <label htmlFor={field("to")} className="sr-only">
                    Assign to, for action {index + 1}
                  </label>
                  <select
                    id={field("to")}
                    value={draft.to === "agent" ? `agent:${draft.userId}` : draft.to}
                    onChange={(event) => {
                      const value = event.target.value;
                      update(draft.key, value.startsWith("agent:") ? { to: "agent", userId: value.slice(6) } : { to: value as ActionDraft["to"], userId: "" });
                    }}
                    className={inputClass}
                    aria-invalid={error("userId") ? true : undefined}
                    aria-describedby={error("userId") ? field("to-error") : undefined}
                  >
                    <option value="sender">To whoever sends it</option>
                    <option value="nobody">To nobody (unassign)</option>
                    {agents.map((agent) => (
                      <option key={agent.id} value={`agent:${agent.id}`}>
                        To {agent.name}
                      </option>
                    ))}
                    {draft.to === "agent" && !agents.some((agent) => agent.id === draft.userId) ? <option value={`agent:${draft.userId}`}>To an agent no longer active</option> : null}
                  </select>
                  <ErrorText id={field("to-error")} message={error("userId")} />
                </div>
              ) : null}
              {draft.type === "snooze" ? (
                <div className="min-w-48 flex-1">
                  <label htmlFor={field("preset")} className="sr-only">
                    How long, for action {index + 1}
                  </label>
                  <select id={field("preset")} value={draft.preset} onChange={(event) => update(draft.key, { preset: event.target.value as ActionDraft["preset"] })} className={inputClass}>
                    {SNOOZE_PRESET_IDS.map((preset) => (
                      <option key={preset} value={preset}>
                        {SNOOZE_PRESET_WORDS[preset]}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <Button variant="secondary" aria-label={`Remove action ${index + 1}`} onClick={() => setDrafts((all) => all.filter((other) => other.key !== draft.key))}>
                Remove
              </Button>
            </li>
          );
        })}
      </ol>
      <ErrorText id={`${id}-error`} message={listError} />
      <Button variant="secondary" disabled={drafts.length >= MAX_MACRO_ACTIONS} onClick={() => setDrafts((all) => [...all, actionDraft()])}>
        Add an action
      </Button>
    </fieldset>
  );
}
