"use client";

import { useQuery } from "@tanstack/react-query";
import type { InboxEvent } from "@/lib/realtime/publish";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

type Reason = { title: string; ticketId: string };

function reasonFor(event: InboxEvent, meId: string, settings: { newUnassigned: boolean; myTickets: boolean; assignedToMe: boolean }): Reason | null {
  if (event.type === "ticket.created" && !event.assigneeId && settings.newUnassigned) return { title: "New ticket", ticketId: event.ticketId };
  if (event.type === "message.created" && event.fromCustomer && event.assigneeId === meId && settings.myTickets) return { title: "New message on your ticket", ticketId: event.ticketId };
  if (event.type === "ticket.assigned" && event.assigneeId === meId && event.actorId !== meId && settings.assignedToMe) {
    const count = event.count ?? 1;
    return { title: count > 1 ? `${count.toLocaleString("en-US")} tickets assigned to you` : "Ticket assigned to you", ticketId: event.ticketId };
  }
  return null;
}

/** Each tab hears every event; only the first to claim one notifies, so one thing happens once. */
function claim(key: string): boolean {
  try {
    const name = `inbox.notified.${key}`;
    if (window.localStorage.getItem(name)) return false;
    window.localStorage.setItem(name, String(Date.now()));
    setTimeout(() => window.localStorage.removeItem(name), 60_000);
  } catch {
    // No storage: every tab notifies.
  }
  return true;
}

let audio: AudioContext | null = null;

/** A short two-note chime, made on the spot: no sound file to load. */
export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    [880, 1320].forEach((frequency, index) => {
      const oscillator = audio!.createOscillator();
      const gain = audio!.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.12, now + index * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, now + index * 0.15 + 0.25);
      oscillator.connect(gain).connect(audio!.destination);
      oscillator.start(now + index * 0.15);
      oscillator.stop(now + index * 0.15 + 0.3);
    });
  } catch {
    // Audio unavailable: the desktop notification and the tab title still tell.
  }
}

/**
 * Desktop notifications and the chime for the agent's choices (off until they turn them
 * on). Returns the handler the live-update stream calls for each event.
 */
export function useNotifications(meId: string, openTicket: (ticketId: string) => void) {
  const settings = useQuery({ queryKey: inboxKeys.notificationSettings(), queryFn: inboxApi.notificationSettings });
  return (event: InboxEvent) => {
    const choices = settings.data;
    if (!choices || (!choices.desktop && !choices.sound)) return;
    const reason = reasonFor(event, meId, choices);
    if (!reason || !claim(`${event.type}.${"messageId" in event ? event.messageId : reason.ticketId}`)) return;
    if (choices.sound) playChime();
    if (!choices.desktop || typeof Notification === "undefined" || Notification.permission !== "granted") return;
    void inboxApi
      .ticket(reason.ticketId)
      .then((view) => `${view.customer.label} · ${view.integration.name}`)
      .catch(() => "Open the inbox to see it.")
      .then((body) => {
        const notification = new Notification(reason.title, { body, tag: `${reason.ticketId}:${reason.title}` });
        notification.onclick = () => {
          window.focus();
          openTicket(reason.ticketId);
          notification.close();
        };
      });
  };
}
