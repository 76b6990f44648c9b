"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { NotificationChoices } from "@/lib/notifications/validation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";
import { playChime } from "./use-notifications";

const TOPICS: { key: "newUnassigned" | "myTickets" | "assignedToMe"; label: string }[] = [
  { key: "newUnassigned", label: "New unassigned tickets" },
  { key: "myTickets", label: "Messages on my tickets" },
  { key: "assignedToMe", label: "Tickets assigned to me" },
];

/** The agent's own notification choices, in a small panel under a button. Off by default. */
export function NotificationSettings() {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const panelId = useId();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: inboxKeys.notificationSettings(), queryFn: inboxApi.notificationSettings });
  const save = useMutation({
    mutationFn: inboxApi.saveNotificationSettings,
    onSuccess: (saved) => queryClient.setQueryData(inboxKeys.notificationSettings(), saved),
  });
  const current = settings.data;

  async function change(next: Partial<NotificationChoices>) {
    if (!current) return;
    setProblem(null);
    if (next.desktop) {
      // Asked on this click, as browsers require; refused, the switch stays off and says why.
      const permission = typeof Notification === "undefined" ? "denied" : await Notification.requestPermission();
      if (permission !== "granted") {
        setProblem("Your browser blocks notifications from this site. Allow them in the site's settings (the icon left of the address), then turn this on again.");
        return;
      }
    }
    if (next.sound) playChime();
    save.mutate({ ...current, ...next });
  }

  return (
    <div className="relative">
      <Button variant="ghost" className="px-2 py-1 text-xs" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Notifications
      </Button>
      {open ? (
        <div id={panelId} role="group" aria-label="Notification settings" className="absolute left-1/2 z-20 mt-1 w-72 -translate-x-1/2 space-y-3 rounded-lg bg-white p-4 text-sm shadow-lg ring-1 ring-slate-200">
          {!current ? (
            <p className="text-slate-500">{settings.isError ? settings.error.message : "Loading…"}</p>
          ) : (
            <>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={current.desktop} disabled={save.isPending} onChange={(event) => void change({ desktop: event.target.checked })} />
                Desktop notifications
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={current.sound} disabled={save.isPending} onChange={(event) => void change({ sound: event.target.checked })} />
                Sound
              </label>
              <fieldset disabled={save.isPending || (!current.desktop && !current.sound)} className="space-y-1.5 disabled:opacity-60">
                <legend className="mb-1 text-xs font-medium text-slate-600">Notify me about</legend>
                {TOPICS.map(({ key, label }) => (
                  <label key={key} className="flex items-center gap-2">
                    <input type="checkbox" checked={current[key]} onChange={(event) => void change({ [key]: event.target.checked })} />
                    {label}
                  </label>
                ))}
              </fieldset>
              <p className="text-xs text-slate-500">The tab&apos;s title and icon count your unread tickets either way.</p>
            </>
          )}
          <FormMessage message={problem ?? save.error?.message ?? null} />
        </div>
      ) : null}
    </div>
  );
}
