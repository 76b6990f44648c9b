/**
 * Single-key shortcuts next to text: a person pressing one key on purpose pauses before
 * and after it; someone typing a sentence with the focus outside a text box does not.
 * This decides, key by key, which shortcuts run and which keys are swallowed, so a
 * sentence typed in the wrong place never opens, fills or closes anything.
 */

/** Keys closer together than this belong to one burst of typing. */
export const BURST_GAP_MS = 350;

/**
 * move: j/k and arrows, harmless, may be tapped fast. field: opens a text box (reply, note,
 * search), so whatever is typed next would land in it. act: changes the ticket (close),
 * run only once no other key follows. view: shows something (the key list).
 */
export type ShortcutKind = "move" | "field" | "act" | "view";

export interface BurstState {
  /** When the previous key (any key, in a field or not) went down. */
  lastAt: number | null;
  /** What the previous key was as a shortcut (null: none, or typed into a field). */
  lastKind: ShortcutKind | null;
  /** A shortcut opened a field: keys of the same burst are kept out of it. */
  swallowing: boolean;
}

export const initialBurstState: BurstState = { lastAt: null, lastKind: null, swallowing: false };

export interface KeyPress {
  key: string;
  at: number;
  /** The browser's auto-repeat of a held key. */
  repeat?: boolean;
}

export interface BurstDecision {
  /** Keep the key from reaching the page (it belongs to a burst after a field opened). */
  swallow: boolean;
  /** Whether this key's shortcut, if it has one, may run. */
  allow: boolean;
  state: BurstState;
}

/**
 * One key, seen as it goes down, before anything else handles it. `kind` is the shortcut
 * the key would run where it was pressed, or null (typed into a field, or no shortcut).
 */
export function decideKey(state: BurstState, press: KeyPress, kind: ShortcutKind | null): BurstDecision {
  const inBurst = state.lastAt !== null && press.at - state.lastAt < BURST_GAP_MS;
  const next: BurstState = { lastAt: press.at, lastKind: kind, swallowing: state.swallowing && inBurst };
  if (next.swallowing) return { swallow: true, allow: false, state: next };
  if (kind === null) return { swallow: false, allow: false, state: next };
  if (kind === "move") {
    // j j k moves down twice and back up; the k of "ok" after other letters does not.
    const allow = !inBurst || press.repeat === true || state.lastKind === "move";
    return { swallow: false, allow, state: next };
  }
  if (inBurst) return { swallow: false, allow: false, state: next };
  return { swallow: false, allow: true, state: { ...next, swallowing: kind === "field" } };
}

/**
 * Escape always works and ends any swallowing; the key after it starts afresh (Esc then e
 * closes), though a sentence typed on is still caught from its second key.
 */
export function noteEscape(): BurstState {
  return initialBurstState;
}
