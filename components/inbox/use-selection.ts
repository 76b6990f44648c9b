"use client";

import { useState } from "react";
import type { InboxItem } from "@/lib/tickets/inbox";

interface SelectionState {
  /** The list the selection belongs to (view, integration, search): another list starts empty. */
  listKey: string;
  ids: Set<string>;
  /** The last ticket checked or unchecked on its own: shift extends from it. */
  anchor: string | null;
  /** Every ticket of the list, loaded or not ("Select all N matching"), resolved on the server. */
  allMatching: boolean;
}

const empty = (listKey: string): SelectionState => ({ listKey, ids: new Set(), anchor: null, allMatching: false });

/** Tickets checked in the list: one by one, a range with shift, or all matching. */
export function useTicketSelection(listKey: string, tickets: InboxItem[]) {
  const [stored, setState] = useState<SelectionState>(() => empty(listKey));
  const state = stored.listKey === listKey ? stored : empty(listKey);
  const loadedIds = tickets.map((ticket) => ticket.id);

  function toggle(ticketId: string, range = false) {
    const ids = state.allMatching ? new Set(loadedIds) : new Set(state.ids);
    const checking = !ids.has(ticketId) || state.allMatching;
    const from = range && state.anchor ? loadedIds.indexOf(state.anchor) : -1;
    const to = loadedIds.indexOf(ticketId);
    const span = from >= 0 && to >= 0 ? loadedIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [ticketId];
    if (state.allMatching && !range) {
      // Unchecking one ticket of "all matching" leaves the loaded ones but that one.
      ids.delete(ticketId);
    } else {
      for (const id of span) {
        if (checking) ids.add(id);
        else ids.delete(id);
      }
    }
    setState({ listKey, ids, anchor: ticketId, allMatching: false });
  }

  // A ticket that left the list (closed by someone meanwhile) is no longer selected.
  const picked = state.allMatching ? loadedIds : loadedIds.filter((id) => state.ids.has(id));
  return {
    ids: picked,
    allMatching: state.allMatching,
    isChecked: (ticketId: string) => state.allMatching || state.ids.has(ticketId),
    toggle,
    selectAllMatching: () => setState({ listKey, ids: new Set(), anchor: null, allMatching: true }),
    clear: () => setState(empty(listKey)),
    active: state.allMatching || picked.length > 0,
  };
}

export type TicketSelection = ReturnType<typeof useTicketSelection>;
